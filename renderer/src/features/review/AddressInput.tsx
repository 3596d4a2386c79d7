import { AutoComplete } from 'antd';
import { useQuery } from '@tanstack/react-query';
import { useClient } from '../../app/engine-context';
import { useDebouncedValue } from '../../ui/use-debounced-value';

/** An address field that offers the hall's frequent addresses (常用地址库) as the clerk types. */
export function AddressInput({
  value,
  onChange,
}: {
  value?: string;
  onChange?: (value: string) => void;
}) {
  const client = useClient();
  const query = useDebouncedValue((value ?? '').trim(), 200);
  const suggestions = useQuery({
    queryKey: ['addresses', query],
    queryFn: () => client.addresses.suggest({ query }),
  });
  return (
    <AutoComplete
      value={value}
      onChange={onChange}
      options={(suggestions.data ?? [])
        .filter((address) => address !== value)
        .map((address) => ({ value: address }))}
      maxLength={200}
    />
  );
}
