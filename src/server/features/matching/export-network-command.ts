// `npm run matching:export -- --region 1309 --out plan.min [--dense]`: writes the matching network of a
// region (as the optimizer solves it, after pricing; or with every eligible pair with --dense) in
// DIMACS min-cost-flow format, for `npm run solve` or LEMON's dimacs-solver.
import { parseArgs } from 'node:util';
import { readConfig } from '../../config.ts';
import { openDatabase } from '../../db/database.ts';
import { migrateDatabase } from '../../db/migrate.ts';
import { writeDimacsMinFile } from './solver/dimacs.ts';
import { findOrCreateCampaign } from './queries.ts';
import { loadMatchingInput, mergeWeights } from './load-matching-input.ts';
import { addCandidate, createMatchingNetwork, isCandidatePair, jurisdictionRange, pairKey, toFlowNetwork } from './model/matching-network.ts';
import { jurisdictionOf } from './model/eligibility.ts';
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

let network;
if (values.dense) {
  network = createMatchingNetwork(input);
  input.cadres.forEach((cadre, cadreIndex) => {
    const [start, end] = jurisdictionRange(network!, jurisdictionOf(cadre.unitLevel, cadre.regionCode));
    for (let position = start; position < end; position += 1) {
      const pointIndex = network!.pointsByRegion[position];
      if (isCandidatePair(network!, cadreIndex, pointIndex) && !network!.candidatePairs.has(pairKey(cadreIndex, pointIndex, input.points.length))) addCandidate(network!, cadreIndex, pointIndex);
    }
  });
} else {
  network = (await runMatching(input)).network;
}
const flow = toFlowNetwork(network);
await writeDimacsMinFile(flow, values.out, [`dundian matching network of region ${values.region} (${values.dense ? 'every eligible pair' : 'after pricing'})`, `${input.cadres.length} cadres, ${input.points.length} points`]);
console.log(JSON.stringify({ region: values.region, nodes: flow.nodeCount, arcs: flow.arcCount, out: values.out }));
