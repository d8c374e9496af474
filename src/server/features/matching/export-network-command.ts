// `npm run matching:export -- --region 1309 --out plan.min [--dense]`: writes the matching network of a
// region (as the optimizer solves it: the aggregated network after pricing; or, with --dense, the reference
// formulation with one arc per eligible cadre-point pair) in
// DIMACS min-cost-flow format, for `npm run solve` or LEMON's dimacs-solver.
import { parseArgs } from 'node:util';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { writeDimacsMinFile } from './solver/dimacs.ts';
import { findOrCreateCampaign } from './queries.ts';
import { loadMatchingInput, mergeWeights } from './load-matching-input.ts';
import { toFlowNetwork } from './model/matching-network.ts';
import { createDensePairNetwork, toFlowNetwork as toPairFlowNetwork } from './model/pair-network.ts';
import { runMatching } from './model/run-matching.ts';

const { values } = parseArgs({ options: { region: { type: 'string', default: '1309' }, out: { type: 'string' }, dense: { type: 'boolean', default: false } } });
if (!values.out || !/^\d{2}(\d{2})?$/.test(values.region!)) {
  console.error('usage: npm run matching:export -- --region 13|13xx --out FILE.min [--dense]');
  process.exit(2);
}
const config = readConfig();
const database = await openDatabase({ databaseUrl: config.databaseUrl, dataDir: `${config.dataDir}/pglite` });
await migrateDatabase(database);
const campaign = await findOrCreateCampaign(database.db);
const input = await loadMatchingInput(database.db, { campaignId: campaign.id, regionCode: values.region!, weights: mergeWeights(campaign.weights) });
await database.close();

const flow = values.dense ? toPairFlowNetwork(createDensePairNetwork(input)) : toFlowNetwork((await runMatching(input)).network);
await writeDimacsMinFile(flow, values.out, [`dundian matching network of region ${values.region} (${values.dense ? 'every eligible pair' : 'after pricing'})`, `${input.cadres.length} cadres, ${input.points.length} points`]);
console.log(JSON.stringify({ region: values.region, nodes: flow.nodeCount, arcs: flow.arcCount, out: values.out }));
