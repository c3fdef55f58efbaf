/**
 * FLEXROLL_TRUST_PROXY as express's `trust proxy` takes it: `true`/`false`, a number of hops, or the text itself
 * (comma-separated addresses, subnets or express's names `loopback`, `linklocal`, `uniquelocal`).
 * @example trustProxyValue('1') // 1
 */
export function trustProxyValue(text: string): boolean | number | string {
  const value = text.trim();
  if (value === 'true') return true;
  if (value === 'false') return false;
  if (/^\d+$/.test(value)) return Number(value);
  return value;
}
