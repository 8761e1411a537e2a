#pragma once
// Helpers shared by shardscape-cli's commands: error output and exit codes.
//
// Exit codes: 0 success; 1 the command ran and found a problem (a DynamoDB error, an invalid
// model, a red access pattern, rejected rows); 2 the command line itself was wrong.

#include <QCommandLineParser>
#include <QString>

#include "base/result.h"

namespace cli {

// A DynamoDB error as DynamoDB's error JSON on stderr, any other error (a file, the data
// directory, the disk) as printProblem does; 1.
int printError(const shardscape::Error& error);
int printProblem(const std::string& message);  // "shardscape-cli: message" on stderr; 1
// Why Engine::open failed: a data directory in use by another process says what to do.
int printOpenError(const shardscape::Error& error);
int usage(const QString& message);  // and a hint to --help; 2
QString dataDirectory(const QCommandLineParser& parser);

// Writes `text` to --out (atomically) or to standard output.
int writeOutput(const QCommandLineParser& parser, const std::string& text);

}  // namespace cli
