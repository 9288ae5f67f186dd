#!/usr/bin/env node
// The package bin: runs the built headless CLI.
import '../out/main/headless.js'
