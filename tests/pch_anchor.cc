// The source file the test suites' precompiled headers are built beside (tests/CMakeLists.txt):
// each suite reuses them, so this file itself holds nothing.
