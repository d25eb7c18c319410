#name: summarize
#description: Scales one column of a table and adds it up
#language: python
#input: dataframe sales [rows with a region and a numeric column]
#input: string column = "amount" [the column to add up]
#input: double scale = 1.0
#output: dataframe summary
#output: double total
import os
import sys

# Without pandas, a dataframe arrives as a list of dicts; with it, as a pandas DataFrame.
rows = sales.to_dict("records") if hasattr(sales, "to_dict") else sales
print(f"summing {column} of {len(rows)} rows", file=sys.stderr)
summary = [{"region": row["region"], column: row[column] * scale} for row in rows]
total = float(sum(row[column] for row in summary))
with open(os.environ["FABRIC_PROGRESS"], "a") as progress:
    progress.write("1.0 done\n")
