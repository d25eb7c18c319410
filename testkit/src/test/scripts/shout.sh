#!/usr/bin/env bash
#name: kit.shout
#description: Upper-cases a word, in bash: a script served by each test's node
#language: bash
#input: string word
#output: string shouted
shouted="$(echo "$word" | tr '[:lower:]' '[:upper:]')!"
