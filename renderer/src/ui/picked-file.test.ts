import { describe, expect, it } from 'vitest';
import { createInstance } from 'i18next';
import { resources } from '@shared/i18n';
import { checkPickedFile } from './picked-file';

const i18n = createInstance();
await i18n.init({
  resources,
  lng: 'en',
  interpolation: { escapeValue: false },
  showSupportNotice: false,
});

describe('a picked file', () => {
  it('passes with its media type when it may be attached', () => {
    expect(checkPickedFile({ name: 'scan.png', size: 2048, type: 'image/png' }, i18n.t)).toEqual({
      mediaType: 'image/png',
    });
  });

  it('is refused by name, in both languages whatever is shown, for its type or its size', () => {
    const wrong = checkPickedFile(
      { name: 'form.docx', size: 10, type: 'application/msword' },
      i18n.t,
    );
    expect(wrong).toMatchObject({
      problem: {
        code: 'INVALID_INPUT',
        localized: {
          zh: '“form.docx”不是 JPG、PNG 或 PDF 文件',
          en: '“form.docx” is not a JPG, PNG or PDF file',
        },
      },
    });
    const big = checkPickedFile(
      { name: 'big.pdf', size: 12 * 1024 * 1024, type: 'application/pdf' },
      i18n.t,
    );
    expect('problem' in big && big.problem.localized.zh).toMatch(
      /^“big\.pdf”有 12(\.0)? MB，超过了 10 MB$/,
    );
  });
});
