// The views and columns of one database with their COMMENTs, as system.tables / system.columns give
// them: what the analysts' data dictionary is generated from.
import type { Warehouse } from "../client.ts";
import { selectRows } from "../query.ts";

export interface ViewSchema {
  name: string;
  comment: string;
  columns: Array<{ name: string; type: string; comment: string }>;
}

export async function selectViewSchemas(wh: Warehouse, database: string): Promise<ViewSchema[]> {
  const params = { db: database };
  const tables = await selectRows<{ name: string; comment: string }>(
    wh,
    "SELECT name, comment FROM system.tables WHERE database = {db:String} ORDER BY name",
    params,
    "reading the views of a database failed",
  );
  const columns = await selectRows<{ table: string; name: string; type: string; comment: string }>(
    wh,
    "SELECT table, name, type, comment FROM system.columns WHERE database = {db:String} ORDER BY table, position",
    params,
    "reading the columns of a database failed",
  );
  return tables.map((t) => ({
    name: t.name,
    comment: t.comment,
    columns: columns.filter((c) => c.table === t.name).map(({ name, type, comment }) => ({ name, type, comment })),
  }));
}
