/* Declarations only; libFuzzer provides the definitions when linked with -sanitize=fuzzer. */
