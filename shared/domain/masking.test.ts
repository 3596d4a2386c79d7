import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { citizenIdCheckCharacter } from './citizen-id';
import {
  maskAddress,
  maskCitizenId,
  maskName,
  maskNumbersInText,
  maskPhone,
  maskUscc,
} from './masking';

describe('maskName', () => {
  it('keeps the surname and, from three characters on, the last character', () => {
    expect(maskName('张三')).toBe('张*');
    expect(maskName('张三丰')).toBe('张*丰');
    expect(maskName('欧阳娜娜')).toBe('欧**娜');
    expect(maskName('张')).toBe('张');
    expect(maskName('')).toBe('');
    expect(maskName('  李四 ')).toBe('李*');
  });

  it('counts a character outside the BMP as one', () => {
    expect(maskName('𠇔三')).toBe('𠇔*');
    expect(maskName('王𠇔')).toBe('王*');
  });
});

describe('maskCitizenId', () => {
  it('keeps the first 6 and last 4 characters', () => {
    expect(maskCitizenId('11010519491231002X')).toBe('110105********002X');
    expect(maskCitizenId('11010519491231002x')).toBe('110105********002X');
  });

  it('hides the birth date of a legacy 15-digit number too', () => {
    expect(maskCitizenId('110105491231002')).toBe('110105******002');
  });

  it('reveals little of input of unknown shape, and never throws', () => {
    expect(maskCitizenId('')).toBe('');
    expect(maskCitizenId('1')).toBe('*');
    expect(maskCitizenId('11010519491231002')).toBe('1101***********02');
  });

  it('never shows any of the middle (birth date) digits', () => {
    const idArbitrary = fc
      .tuple(
        fc.integer({ min: 110000, max: 829999 }),
        fc.date({ min: new Date('1900-01-01T00:00:00Z'), max: new Date('2024-12-31T00:00:00Z') }),
        fc.integer({ min: 0, max: 999 }),
      )
      .filter(([, birth]) => !Number.isNaN(birth.getTime()))
      .map(([division, birth, sequence]) => {
        const first17 = `${division}${birth.toISOString().slice(0, 10).replaceAll('-', '')}${String(sequence).padStart(3, '0')}`;
        return first17 + citizenIdCheckCharacter(first17);
      });
    fc.assert(
      fc.property(idArbitrary, (id) => {
        const masked = maskCitizenId(id);
        expect(masked).toHaveLength(18);
        expect(masked.slice(6, 14)).toBe('********');
        expect(masked).toBe(`${id.slice(0, 6)}********${id.slice(14)}`);
        // No run of 8 digits survives, so the birth date cannot appear anywhere in the output.
        expect(masked).not.toContain(id.slice(6, 14));
        expect(/\d{7}/.test(masked)).toBe(false);
      }),
      { numRuns: 300 },
    );
  });
});

describe('maskPhone', () => {
  it('masks the middle four digits of a mobile number', () => {
    expect(maskPhone('13812345678')).toBe('138****5678');
    expect(maskPhone('+86 138 1234 5678')).toBe('+86 138****5678');
  });

  it('keeps the area code and the last two digits of a landline', () => {
    expect(maskPhone('010-12345678')).toBe('010-******78');
    expect(maskPhone('0571-87654321')).toBe('0571-******21');
    expect(maskPhone('02112345678')).toBe('021******78');
    expect(maskPhone('05718765432')).toBe('0571*****32');
  });

  it('is total', () => {
    expect(maskPhone('')).toBe('');
    expect(maskPhone('12345')).toBe('1****');
    fc.assert(
      fc.property(fc.string(), (value) => {
        expect(typeof maskPhone(value)).toBe('string');
        expect(typeof maskAddress(value)).toBe('string');
        expect(typeof maskName(value)).toBe('string');
        expect(typeof maskCitizenId(value)).toBe('string');
        expect(typeof maskUscc(value)).toBe('string');
      }),
    );
  });

  it('never shows the middle digits of a mobile number', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^1[3-9]\d{9}$/), (mobile) => {
        expect(maskPhone(mobile)).toBe(`${mobile.slice(0, 3)}****${mobile.slice(7)}`);
      }),
    );
  });
});

describe('maskAddress', () => {
  it('keeps the address down to the county level', () => {
    expect(maskAddress('浙江省杭州市西湖区文三路90号')).toBe('浙江省杭州市西湖区****');
    expect(maskAddress('北京市朝阳区建国路88号')).toBe('北京市朝阳区****');
    expect(maskAddress('广西壮族自治区南宁市青秀区民族大道100号')).toBe(
      '广西壮族自治区南宁市青秀区****',
    );
    expect(maskAddress('内蒙古自治区鄂尔多斯市伊金霍洛旗阿勒腾席热镇')).toBe(
      '内蒙古自治区鄂尔多斯市伊金霍洛旗****',
    );
    expect(maskAddress('山东省济南市市中区经四路')).toBe('山东省济南市市中区****');
    expect(maskAddress('云南省临沧市双江拉祜族佤族布朗族傣族自治县勐勐镇')).toBe(
      '云南省临沧市双江拉祜族佤族布朗族傣族自治县****',
    );
    expect(maskAddress('上海市浦东新区世纪大道')).toBe('上海市浦东新区****');
  });

  it('stops at a higher level when the county is not named', () => {
    expect(maskAddress('浙江省义乌市稠城街道')).toBe('浙江省义乌市****');
  });

  it('does not take a residential compound or street for a district', () => {
    expect(maskAddress('北京市阳光小区5号楼')).toBe('北京市****');
    expect(maskAddress('上海市南京东路步行街社区')).toBe('上海市****');
    expect(maskAddress('浙江省杭州市西湖区和睦新村8幢')).toBe('浙江省杭州市西湖区****');
  });

  it('keeps at most 6 characters, and at most half, when no level is named', () => {
    expect(maskAddress('文三路90号2单元301室')).toBe('文三路90号****');
    expect(maskAddress('杭州西湖边')).toBe('杭州****');
    expect(maskAddress('')).toBe('');
  });

  it('leaves an address that is nothing but administrative levels as it is', () => {
    expect(maskAddress('浙江省杭州市西湖区')).toBe('浙江省杭州市西湖区');
  });
});

describe('maskUscc', () => {
  it('keeps the first 8 and last 2 characters', () => {
    expect(maskUscc('92350100MA2XYZ1234')).toBe('92350100********34');
    expect(maskUscc('91350100m000100y43')).toBe('91350100********43');
    expect(maskUscc('')).toBe('');
    expect(maskUscc('9135')).toBe('9***');
  });
});

describe('maskNumbersInText', () => {
  it('masks ID and phone numbers standing in a sentence', () => {
    expect(maskNumbersInText('申请人身份证110105199003078001，电话13800138000，请核对')).toBe(
      '申请人身份证110105********8001，电话138****8000，请核对',
    );
    expect(maskNumbersInText('旧证号 110105900307800 与 138 0013 8000、座机 0571-87654321')).toBe(
      '旧证号 110105******800 与 138****8000、座机 0571-******21',
    );
    expect(maskNumbersInText('身份证尾号是 11010519900307002x 吗')).toBe(
      '身份证尾号是 110105********002X 吗',
    );
  });

  it('leaves other numbers and text as they are', () => {
    for (const text of [
      '办件 BB20261122-0001 第 3 项',
      '注册资本 100000 元，2026-11-21 提交',
      '订单号 1234567890123456789012',
      '统一社会信用代码 91330106MA2XXXXX1X',
      '',
    ])
      expect(maskNumbersInText(text)).toBe(text);
  });
});
