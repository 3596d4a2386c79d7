import type { ApplicantInput, MatterSummary } from '@shared/api';
import { citizenIdCheckCharacter } from '@shared/domain/citizen-id';
import { organisationCodeCheckCharacter, usccCheckCharacter } from '@shared/domain/uscc';

/**
 * A fictitious applicant for the case a question is asked beside: the set says which matter the
 * clerk is working on, not who is at the window, and the engine only accepts valid numbers.
 */
export function contextApplicant(subjectKind: MatterSummary['subjectKind']): ApplicantInput {
  if (subjectKind === 'enterprise') {
    const organisation = `MA0QC7LY`;
    const first17 = `91350102${organisation}${organisationCodeCheckCharacter(organisation)}`;
    return {
      kind: 'enterprise',
      name: '评测示例有限公司',
      uscc: first17 + usccCheckCharacter(first17),
      legalRepresentative: '评示例',
      address: '县城关镇示例路 1 号',
    };
  }
  const first17 = '35010219900101123';
  return {
    kind: 'person',
    name: '评示例',
    idNumber: first17 + citizenIdCheckCharacter(first17),
    phone: '13800000000',
  };
}
