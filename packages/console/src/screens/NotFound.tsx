import { Link } from '../lib/Link';
import { Title } from '../lib/Title';
import { en } from '../messages/en';

export function NotFound() {
  return (
    <section>
      <Title text={en.app.notFoundTitle} />
      <p>{en.app.notFound}</p>
      <Link to="/">{en.app.backHome}</Link>
    </section>
  );
}
