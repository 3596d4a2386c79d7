import PizZip from 'pizzip';
import { afterEach, describe, expect, it } from 'vitest';
import {
  openTestEngine,
  SEED_KNOWLEDGE,
  type TestEngine,
} from '../../../tests/support/engine-harness';

let t: TestEngine;
afterEach(() => {
  t.close();
});

/** The text of a .docx's body, paragraphs on their own lines. */
function docxText(base64: string): string {
  const xml = new PizZip(Buffer.from(base64, 'base64')).file('word/document.xml')?.asText() ?? '';
  return xml
    .replaceAll('</w:p>', '\n')
    .replace(/<[^>]+>/g, '')
    .trim();
}

describe('application forms', () => {
  it('fills the standard form from the case and says which required fields are missing', async () => {
    t = openTestEngine({ seedDir: SEED_KNOWLEDGE });
    await t.setupAdmin();
    const [matter] = await t.ok('matters.search', { query: '食品经营许可' });
    const created = await t.ok('cases.create', {
      matterId: matter?.id ?? 0,
      applicant: {
        kind: 'enterprise',
        name: '城关镇好味道餐饮店',
        uscc: '91350100M000100Y43',
        legalRepresentative: '李四',
        address: '城关镇人民路 88 号',
      },
    });
    await t.ok('review.saveFields', {
      caseId: created.id,
      materialCode: 'M01',
      values: {
        operatorName: '城关镇好味道餐饮店',
        businessArea: 86.5,
        mainBusinessType: '餐饮服务经营者',
      },
    });
    const form = await t.ok('documents.applicationForm', { caseId: created.id });
    expect(form).toMatchObject({
      title: '食品经营许可申请书',
      hallName: '测试县政务服务中心',
      material: { code: 'M01', name: '食品经营许可申请书' },
      template: 'application-form.docx',
      applicant: { idLabel: '统一社会信用代码', idNumber: '91350100M000100Y43' },
    });
    expect(form.fields.find((field) => field.key === 'businessArea')?.value).toBe(86.5);
    expect(form.missing).toEqual([
      '统一社会信用代码',
      '法定代表人（负责人）',
      '经营场所',
      '经营项目',
      '食品安全管理人员',
      '联系电话',
    ]);

    const docx = await t.ok('documents.applicationDocx', { caseId: created.id });
    expect(docx.fileName).toBe(`${created.reference}-食品经营许可申请书.docx`);
    const text = docxText(docx.base64);
    expect(text).toContain('食品经营许可申请书');
    expect(text).toContain(`办件编号：${created.reference}`);
    expect(text).toContain('统一社会信用代码：91350100M000100Y43');
    expect(text).toContain('法定代表人（负责人）：李四');
    expect(text).toContain('经营场所使用面积（平方米）：86.5');
    // One line per field of the form, empty ones left to fill in by hand; no tag left behind.
    expect(text).toContain('食品安全管理人员：＿＿＿＿＿＿');
    expect(text.split('\n').filter((line) => line.startsWith('委托代理人'))).toHaveLength(1);
    expect(text).not.toMatch(/[{}]/);
  });
});
