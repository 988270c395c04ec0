/** The rule ids of policy-catalogue.md (tables, plus the title rule named in jiyang 5's group row). */
export const CATALOGUE_RULE_IDS: readonly string[] = [
  'sd-2022-42/1.growth', 'sd-2022-42/1.share', 'sd-2022-42/2.traffic', 'sd-2022-42/3.relocation',
  'sd-2022-42/4.new-shops', 'sd-2022-42/4.shop-support', 'sd-2022-42/5.repatriated-shops', 'sd-2022-42/6.live-commerce',
  'sd-2022-42/8.park-recommendation', 'sd-2022-42/10.hiring', 'sd-2022-42/11.county-hub', 'sd-2022-42/11.info-platform',
  'sd-2022-42/11.sorting-centre', 'sd-2022-42/12.loan',
  'jining-2022-54/1.retail', 'jining-2022-54/1.rural', 'jining-2022-54/1.share', 'jining-2022-54/2.retail-2022',
  'jining-2022-54/2.retail-2023', 'jining-2022-54/2.national-title', 'jining-2022-54/2.county-honor', 'jining-2022-54/3.relocation',
  'jining-2022-54/4.new-shops', 'jining-2022-54/4.repatriated-shops', 'jining-2022-54/5.live-commerce', 'jining-2022-54/6.national-base',
  'jining-2022-54/8.hiring',
  'dongying-2020-9/3.1.park', 'dongying-2020-9/3.1.platform', 'dongying-2020-9/3.3.leader', 'dongying-2020-9/3.3.agri',
  'dongying-2020-9/3.3.supermarket', 'dongying-2020-9/3.4.town', 'dongying-2020-9/3.4.village', 'dongying-2020-9/3.5.promotion',
  'dongying-2020-9/3.5.1688', 'dongying-2020-9/3.5.export-live', 'dongying-2020-9/3.5.contest',
  'jiyang-2021-80/1.cluster', 'jiyang-2021-80/2.agri-sales', 'jiyang-2021-80/3.agri-brand', 'jiyang-2021-80/4.logistics-centre',
  'jiyang-2021-80/4.parcels', 'jiyang-2021-80/5.wholesale', 'jiyang-2021-80/5.retail', 'jiyang-2021-80/5.title',
  'jiyang-2021-80/6.product', 'jiyang-2021-80/6.shop', 'jiyang-2021-80/6.influencer', 'jiyang-2021-80/7.live-base',
  'jiyang-2021-80/7.supply-chain',
  'jinan-2021-cbec/1.1.leader', 'jinan-2021-cbec/2.1.service-platform', 'jinan-2021-cbec/2.2.park',
  'jinan-2021-cbec/3.2.experience-store', 'jinan-2021-cbec/4.2.overseas-warehouse', 'jinan-2021-cbec/4.3.logistics',
  'jinan-2021-cbec/5.1.event', 'jinan-2021-cbec/6.4.payment',
];

/**
 * Rules of the texts' remaining awards (issue 14) that the catalogue's tables do not list yet: the
 * project's additions, named like the catalogue's own ids (document/article.name). The corpus holds
 * exactly the catalogue's rules and these.
 */
export const ADDED_RULE_IDS: readonly string[] = [
  'sd-2022-42/7.export-to-domestic',
  'jining-2022-54/6.base-recommendation', 'jining-2022-54/7.whitelist-recommendation',
  'dongying-2020-9/2.4.title', 'dongying-2020-9/2.4.recommendation',
  'jinan-2021-cbec/2.2.park-next-year', 'jinan-2021-cbec/3.3.live-base', 'jinan-2021-cbec/safeguard.3.pilot-recommendation',
];

/**
 * Every rule id of the five documents of the catalogue: the catalogue's and the project's additions.
 * Not "every rule of the corpus" (a bureau adds documents): tests of the whole corpus read RULE_IDS.
 */
export const CORPUS_RULE_IDS: readonly string[] = [...CATALOGUE_RULE_IDS, ...ADDED_RULE_IDS];

/** The catalogue itself, when the shared spec is checked out beside the repository. */
export const CATALOGUE_PATH = new URL('../../shared/spec/policy-catalogue.md', import.meta.url);
export const SEEDS_DIR = new URL('../../shared/seeds/', import.meta.url);
