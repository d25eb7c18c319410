#!/usr/bin/env bash
#name: summarize-bash
#description: Scales one column of a table and adds it up, in bash and awk
#language: bash
#input: dataframe sales
#input: string column = "amount"
#input: double scale = 1.0
#output: dataframe summary
#output: double total
# Bash convention: $sales is the path of the input CSV, $summary the path to write the output CSV to;
# scalars are plain variables, and $total's text when the script ends is the output.
set -euo pipefail
echo "summing $column of $(($(wc -l < "$sales") - 1)) rows" >&2
index=$(head -1 "$sales" | tr ',' '\n' | grep -nx "$column" | cut -d: -f1) \
  || { echo "no column '$column' in the table" >&2; exit 1; }
awk -F, -v c="$index" -v s="$scale" -v name="$column" \
  'NR == 1 { print "region," name; next } { printf "%s,%.10g\n", $1, $c * s }' "$sales" > "$summary"
total=$(awk -F, 'NR > 1 { t += $2 } END { printf "%.10g", t }' "$summary")
