// Every text value stored in lrew's databases (every table and view, every String column), and the
// text of their mutations that ClickHouse keeps, to search for what must not be there. Aggregate
// states are left out: they hold hashes, not text.
import { selectRows, type Warehouse } from "@lrew/warehouse";

export async function storedText(wh: Warehouse): Promise<string> {
  const columns = await selectRows<{ database: string; table: string; name: string }>(
    wh,
    `SELECT database, table, name FROM system.columns
     WHERE database IN ({db:String}, {analytics:String}) AND type NOT LIKE '%AggregateFunction%'
       AND (type LIKE '%String%' OR type LIKE '%Array%' OR type LIKE '%Tuple%')
     ORDER BY database, table, name`,
    { db: wh.database, analytics: `${wh.database}_analytics` },
  );
  const byTable = new Map<string, string[]>();
  for (const c of columns) byTable.set(`${c.database}.${c.table}`, [...(byTable.get(`${c.database}.${c.table}`) ?? []), c.name]);
  const parts: string[] = [];
  for (const [table, names] of byTable) {
    const rows = await selectRows<{ t: string }>(
      wh,
      `SELECT toJSONString(tuple(${names.map((n) => `\`${n}\``).join(", ")})) AS t FROM ${table}`,
    );
    parts.push(...rows.map((r) => r.t));
  }
  const mutations = await selectRows<{ command: string }>(
    wh,
    "SELECT command FROM system.mutations WHERE database IN ({db:String}, {analytics:String})",
    { db: wh.database, analytics: `${wh.database}_analytics` },
  );
  parts.push(...mutations.map((m) => m.command));
  return parts.join("\n");
}
