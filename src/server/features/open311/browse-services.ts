// Use cases of GET services and GET service definition: the appeal categories as Open311 services.
import type { Executor } from '../../db/database.ts';
import { notFound } from '../../lib/errors.ts';
import { presentService, presentServiceDefinition, type Locale } from './georeport-mapping.ts';
import { findServiceCategory, listServiceCategories } from './queries.ts';

/** Every category as a service, in catalogue order. */
export async function listServices(options: { db: Executor; locale: Locale }) {
  return (await listServiceCategories(options.db)).map((category) => presentService(category, options.locale));
}

/** The definition (attributes) of one service; an unknown code is a 404, as the spec says. */
export async function getServiceDefinition(options: { db: Executor; code: string; locale: Locale }) {
  const category = await findServiceCategory(options.db, options.code);
  if (!category) throw notFound(`服务“${options.code}”`, `service_code “${options.code}”`);
  return presentServiceDefinition(category.code, options.locale);
}
