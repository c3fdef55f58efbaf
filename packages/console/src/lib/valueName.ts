import { en } from '../messages/en';

/** An API value (a status, a party) as the console names it; one it has no name for, as the API says it. */
export function valueName(value: string): string {
  return en.values[value] ?? value;
}
