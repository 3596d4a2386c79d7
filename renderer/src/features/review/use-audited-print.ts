import { useMutation } from '@tanstack/react-query';
import { useClient } from '../../app/engine-context';
import { printPage } from '../../ui/print-page';

/**
 * Prints a document that carries personal data, once the print is in the audit trail: if the
 * engine cannot record it, nothing is printed and the error shows.
 */
export function useAuditedPrint(document: 'correctionNotice' | 'applicationForm', caseId: number) {
  const client = useClient();
  return useMutation({
    mutationFn: async (fileName: string) => {
      await client.audit.recordPrint({ document, caseId });
      await printPage(fileName);
    },
  });
}
