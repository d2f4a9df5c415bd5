import { it } from 'vitest';
import { writeSnapshot } from '../bench/generator/index.js';
it('gen', async () => {
  const s = await writeSnapshot(process.env.OUT ?? '/tmp/org.json', { roles: Number(process.env.ROLES ?? 10000), accounts: Number(process.env.ACCOUNTS ?? 50), seed: 'bench' });
  console.log(JSON.stringify({ bytes: s.bytes, roles: s.roles, resources: s.resources }));
}, 600_000);
