#include "cli_support.h"

#include <cstdio>
#include <iostream>

#include "api/dispatch.h"
#include "data_directory.h"
#include "model/model_file.h"

namespace cli {

int printError(const shardscape::Error& error) {
    if (!error.isDynamo()) return printProblem(error.message);
    std::cerr << shardscape::errorBody(error).dump(4) << std::endl;
    return 1;
}

int printProblem(const std::string& message) {
    std::cerr << "shardscape-cli: " << message << std::endl;
    return 1;
}

int printOpenError(const shardscape::Error& error) {
    if (error.isBusy())
        return printProblem(error.message +
                            "\nClose the other Shardscape (the app, or shardscape-cli serve), or "
                            "choose another data directory with --data DIR.");
    return printError(error);
}

int usage(const QString& message) {
    std::fprintf(stderr, "shardscape-cli: %s\nRun 'shardscape-cli --help' for usage.\n",
                 qPrintable(message));
    return 2;
}

QString dataDirectory(const QCommandLineParser& parser) {
    return parser.isSet("data") ? parser.value("data") : shardscape::defaultDataDirectory();
}

int writeOutput(const QCommandLineParser& parser, const std::string& text) {
    if (!parser.isSet("out")) {
        std::cout << text << std::flush;
        return 0;
    }
    shardscape::Status s = shardscape::writeFileAtomically(parser.value("out").toStdString(), text);
    return s.ok() ? 0 : printProblem(s.error().message);
}

}  // namespace cli
