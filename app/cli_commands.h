#pragma once
// shardscape-cli's commands beyond `call`; each reads its arguments from the parser.

#include <QCommandLineParser>

namespace cli {

int modelCommand(const QCommandLineParser& parser);     // model check|import|export
int loadCommand(const QCommandLineParser& parser);      // load (tables, sample data, item files)
int dumpCommand(const QCommandLineParser& parser);      // dump (export a table's items)
int simulateCommand(const QCommandLineParser& parser);  // simulate (model mode)

}  // namespace cli
