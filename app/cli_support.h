#pragma once
// Helpers shared by shardscape-cli's commands: error output and exit codes.
//
// Exit codes: 0 success; 1 the command ran and found a problem (a DynamoDB error, an invalid
// model, a red access pattern, rejected rows); 2 the command line itself was wrong.

#include <QCommandLineParser>
#include <QString>

#include "base/result.h"

namespace cli {

int printError(const shardscape::Error& error);  // DynamoDB's error JSON on stderr; 1
int printProblem(const std::string& message);    // "shardscape-cli: message" on stderr; 1
int usage(const QString& message);               // and a hint to --help; 2
QString dataDirectory(const QCommandLineParser& parser);

// Writes `text` to --out (atomically) or to standard output.
int writeOutput(const QCommandLineParser& parser, const std::string& text);

}  // namespace cli
