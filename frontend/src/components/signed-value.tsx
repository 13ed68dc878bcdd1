import { Text, type TextProps } from '@mantine/core';
import { signOf } from '@/lib/decimal';

/** A figure coloured by the sign of its decimal value (green gain, red loss). */
export function SignedValue({ value, children, ...props }: { value: string | null | undefined; children: React.ReactNode } & TextProps) {
  const sign = signOf(value);
  return (
    <Text component="span" inherit className={sign > 0 ? 'tb-up' : sign < 0 ? 'tb-down' : undefined} {...props}>
      {children}
    </Text>
  );
}
