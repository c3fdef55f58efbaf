import type { AddressInfo } from 'node:net';
import { expect } from 'chai';
import express, { type Request, type Response } from 'express';
import { RouteTable } from './RouteTable.js';

const ROUTES: [string, string][] = [
  ['get', '/enrollments/{enrollmentId}'],
  ['get', '/vpp-participations/{participation_id}'],
  ['post', '/vpp-participations/{participation_id}'],
  ['post', '/vpp-participations/{participation_id}/triggers'],
  ['get', '/programInstances/{instanceId}/enrollments'],
  ['get', '/webhook-endpoints/{endpointId}/messages/{messageId}/attempts'],
];

/** Requests the table should answer exactly as express does, and requests it should leave to express. */
const REQUESTS: [string, string][] = [
  ['GET', '/enrollments/cm1abc'], ['GET', '/enrollments/cm1abc?x=1'], ['POST', '/vpp-participations/vpo_1/triggers'],
  ['GET', '/vpp-participations/vpo_1'], ['POST', '/vpp-participations/vpo_1'], ['GET', '/programInstances/i1/enrollments?page=2'],
  ['GET', '/webhook-endpoints/w1/messages/m1/attempts'], ['PATCH', '/enrollments/cm1abc'], ['GET', '/enrollments/'],
  ['GET', '/enrollments/cm1abc/'], ['GET', '/Enrollments/cm1abc'], ['GET', '/enrollments/cm%31abc'], ['HEAD', '/enrollments/cm1abc'],
  ['GET', '/enrollments//x'], ['GET', '/nothing'], ['GET', '/vpp-participations/vpo_1/triggers'],
];

/** Serves every route twice over, once through the table and once through express alone, and says which answered. */
async function serve(withTable: boolean): Promise<{ url: string; close: () => void }> {
  const app = express();
  const table = new RouteTable();
  if (withTable) app.use(table.dispatcher());
  for (const [method, path] of ROUTES) {
    const answer = (via: string) => (request: Request, response: Response) => void response.json({ via, route: `${method} ${path}`, params: request.params });
    table.add(method, path, [answer('table')]);
    app[method as 'get' | 'post'](path.replace(/\{(\w+)\}/g, ':$1'), answer('express'));
  }
  const server = app.listen(0, '127.0.0.1');
  await new Promise((resolve) => server.once('listening', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

async function ask(url: string, method: string, path: string): Promise<{ status: number; body: string }> {
  const response = await fetch(`${url}${path}`, { method });
  return { status: response.status, body: await response.text() };
}

describe(RouteTable.name, () => {
  describe('.dispatcher', () => {
    it('answers each request as express alone would (same route, same params), or leaves it to express', async () => {
      const [tabled, plain] = [await serve(true), await serve(false)];
      try {
        const answered: string[] = [];
        for (const [method, path] of REQUESTS) {
          const [viaTable, viaExpress] = [await ask(tabled.url, method, path), await ask(plain.url, method, path)];
          expect(viaTable.status, `${method} ${path}`).to.equal(viaExpress.status);
          expect(viaTable.body.replace('"via":"table"', '"via":"express"'), `${method} ${path}`).to.equal(viaExpress.body);
          if (viaTable.body.includes('"via":"table"')) answered.push(`${method} ${path}`);
        }
        expect(answered, 'the plain requests the table answered itself').to.deep.equal([
          'GET /enrollments/cm1abc', 'GET /enrollments/cm1abc?x=1', 'POST /vpp-participations/vpo_1/triggers', 'GET /vpp-participations/vpo_1',
          'POST /vpp-participations/vpo_1', 'GET /programInstances/i1/enrollments?page=2', 'GET /webhook-endpoints/w1/messages/m1/attempts',
        ]);
      } finally {
        tabled.close();
        plain.close();
      }
    });

    it('passes a thrown error and a rejected promise to the error handlers', async () => {
      const app = express();
      const table = new RouteTable();
      app.use(table.dispatcher());
      table.add('get', '/thrown', [() => { throw new Error('thrown'); }]);
      table.add('get', '/rejected', [async () => { throw new Error('rejected'); }]);
      table.add('get', '/passed', [(_request, _response, next) => next(new Error('passed')), () => { throw new Error('never reached'); }]);
      app.use((error: Error, _request: Request, response: Response, _next: () => void) => void response.status(500).send(error.message));
      const server = app.listen(0, '127.0.0.1');
      await new Promise((resolve) => server.once('listening', resolve));
      const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      try {
        for (const path of ['/thrown', '/rejected', '/passed']) expect(await ask(url, 'GET', path)).to.deep.equal({ status: 500, body: path.slice(1) });
      } finally {
        server.close();
      }
    });
  });
});
