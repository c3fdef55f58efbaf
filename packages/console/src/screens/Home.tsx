import { Title } from '../lib/Title';
import { en } from '../messages/en';

export function Home() {
  return <section><Title text={en.home.title} /></section>;
}
