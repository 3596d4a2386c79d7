#!/usr/bin/env node
// Writes resources/templates/application-form.docx: the standard application form (申请书) that
// docxtemplater fills from case data. A .docx is a zip of XML parts; building it from text here
// keeps the template reviewable and reproducible (run this script after changing it).
// Tags: {hallName} {matterName} {matterCode} {department} {reference} {applicantName}
// {applicantIdLabel} {applicantId} {phone} {address} {legalRepresentative} {date}, and the loop
// {#fields}{label}{value}{/fields} over the form's fields (missing ones print as a blank line).
import { writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import PizZip from 'pizzip';

const out = join(
  dirname(fileURLToPath(import.meta.url)),
  '../../resources/templates/application-form.docx',
);

const escape = (text) =>
  text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
const font = '<w:rFonts w:ascii="SimSun" w:hAnsi="SimSun" w:eastAsia="SimSun"/>';
const run = (text, { bold = false, size = 24 } = {}) =>
  `<w:r><w:rPr>${font}${bold ? '<w:b/>' : ''}<w:sz w:val="${size}"/><w:szCs w:val="${size}"/></w:rPr><w:t xml:space="preserve">${escape(text)}</w:t></w:r>`;
const paragraph = (runs, { align, spacingAfter = 120 } = {}) =>
  `<w:p><w:pPr>${align ? `<w:jc w:val="${align}"/>` : ''}<w:spacing w:after="${spacingAfter}"/></w:pPr>${runs}</w:p>`;

const body = [
  paragraph(run('{hallName}', { size: 28 }), { align: 'center' }),
  paragraph(run('{matterName}申请书', { bold: true, size: 36 }), {
    align: 'center',
    spacingAfter: 240,
  }),
  paragraph(run('办件编号：{reference}　　事项编码：{matterCode}', { size: 21 }), {
    align: 'right',
  }),
  paragraph(run('实施部门：{department}')),
  paragraph(run('申请人：{applicantName}')),
  paragraph(run('{applicantIdLabel}：{applicantId}')),
  paragraph(run('{#hasLegalRepresentative}')),
  paragraph(run('法定代表人（负责人）：{legalRepresentative}')),
  paragraph(run('{/hasLegalRepresentative}')),
  paragraph(run('联系电话：{phone}')),
  paragraph(run('地址：{address}'), { spacingAfter: 240 }),
  paragraph(run('申请内容', { bold: true })),
  // Loop tags alone in their paragraphs: docxtemplater's paragraphLoop repeats the one between.
  paragraph(run('{#fields}')),
  paragraph(run('{label}：{value}')),
  paragraph(run('{/fields}')),
  paragraph(
    run('本人（单位）承诺所填写内容和提交的材料真实、有效，如有虚假，愿承担相应法律责任。'),
    {
      spacingAfter: 480,
    },
  ),
  paragraph(run('申请人（签字或盖章）：')),
  paragraph(run('日期：{date}'), { align: 'right' }),
].join('');

const documentXml = `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>${body}<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="1440" w:right="1440" w:bottom="1440" w:left="1440" w:header="851" w:footer="992" w:gutter="0"/></w:sectPr></w:body></w:document>`;

const zip = new PizZip();
zip.file(
  '[Content_Types].xml',
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>`,
);
zip.file(
  '_rels/.rels',
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>`,
);
zip.file('word/document.xml', documentXml);
// A fixed date keeps the file byte-for-byte reproducible.
writeFileSync(
  out,
  zip.generate({
    type: 'nodebuffer',
    compression: 'DEFLATE',
    date: new Date('2026-01-01T00:00:00Z'),
  }),
);
process.stdout.write(`${out}\n`);
