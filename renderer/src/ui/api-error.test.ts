import { describe, expect, it } from 'vitest';
import type { FormInstance } from 'antd';
import { ApiError } from '@shared/api/errors';
import { errorMessage, sessionLossOf, showErrorOnForm, toApiError } from './api-error';

/** The two FormInstance methods the helper uses. */
function fakeForm(names: (string | number)[][]) {
  const set: { name: (string | number)[]; errors: string[] }[] = [];
  const form = {
    getFieldsError: () => names.map((name) => ({ name, errors: [], warnings: [] })),
    setFields: (fields: { name: (string | number)[]; errors: string[] }[]) => {
      set.push(...fields);
    },
  } as unknown as FormInstance;
  return { form, set };
}

describe('api-error helpers', () => {
  it('puts each INVALID_INPUT issue on its field, and reports what found no field', () => {
    const { form, set } = fakeForm([
      ['applicant', 'idNumber'],
      ['applicant', 'phone'],
    ]);
    const error = new ApiError('INVALID_INPUT', {
      path: ['applicant', 'idNumber'],
      issues: [
        { path: ['applicant', 'idNumber'], message: { zh: '校验位不正确', en: 'Bad check' } },
        { path: ['applicant', 'phone'], message: { zh: '手机号有误', en: 'Bad phone' } },
      ],
    });
    expect(showErrorOnForm(form, error, 'zh-CN')).toBeUndefined();
    expect(set).toEqual([
      { name: ['applicant', 'idNumber'], errors: ['校验位不正确'] },
      { name: ['applicant', 'phone'], errors: ['手机号有误'] },
    ]);

    const other = fakeForm([['username']]);
    const stray = new ApiError('INVALID_INPUT', {
      issues: [{ path: ['matterId'], message: { zh: '无效', en: 'Invalid' } }],
    });
    expect(showErrorOnForm(other.form, stray, 'en')).toBe('The input is invalid');
  });

  it('places a single-field error (CONFLICT on username) and says non-field errors above', () => {
    const { form, set } = fakeForm([['username'], ['password']]);
    const conflict = new ApiError('CONFLICT', {
      message: { zh: '该用户名已存在', en: 'Taken' },
      path: ['username'],
    });
    expect(showErrorOnForm(form, conflict, 'zh-CN')).toBeUndefined();
    expect(set).toEqual([{ name: ['username'], errors: ['该用户名已存在'] }]);
    expect(showErrorOnForm(form, new ApiError('BAD_CREDENTIALS'), 'zh-CN')).toBe(
      '用户名或密码错误',
    );
  });

  it('recognises errors that lost their class crossing a bridge', () => {
    expect(toApiError({ code: 'NOT_FOUND', message: { zh: '没有', en: 'None' } }).code).toBe(
      'NOT_FOUND',
    );
    expect(toApiError(new Error('FORBIDDEN: Your role may not do this')).code).toBe('FORBIDDEN');
    expect(errorMessage('boom', 'zh-CN')).toBe('操作失败，请重试');
    expect(sessionLossOf(new ApiError('SESSION_EXPIRED'))).toBe('idle');
    expect(sessionLossOf(new ApiError('UNAUTHENTICATED'))).toBe('expired');
    expect(sessionLossOf(new ApiError('FORBIDDEN'))).toBeUndefined();
  });
});
