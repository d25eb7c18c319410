#name: summarize-r
#description: Scales one column of a table and adds it up, in R
#language: r
#input: dataframe sales
#input: string column = "amount"
#input: double scale = 1.0
#output: dataframe summary
#output: double total
message("summing ", column, " of ", nrow(sales), " rows")
summary <- data.frame(region = sales$region)
summary[[column]] <- sales[[column]] * scale
total <- sum(summary[[column]])
