//name: summarize-node
//description: Scales one column of a table and adds it up, in JavaScript
//language: node
//input: dataframe sales
//input: string column = "amount"
//input: double scale = 1.0
//output: dataframe summary
//output: double total
console.error(`summing ${column} of ${sales.length} rows`);
const summary = sales.map(row => ({ region: row.region, [column]: row[column] * scale }));
const total = summary.reduce((sum, row) => sum + row[column], 0);
