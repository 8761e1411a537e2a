// shardscape-cli: the headless command line (call, serve and simulate now; model and load
// follow).
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <cstdio>
#include <iostream>

#include "data_directory.h"
#include "dispatch.h"
#include "engine.h"
#include "serve_command.h"
#include "simulator.h"

namespace {

constexpr qint64 kMaxRequestBytes = 16 * 1024 * 1024;

int printError(const shardscape::Error& error) {
    std::cerr << shardscape::errorBody(error).dump(4) << std::endl;
    return 1;
}

int usage(const QString& message) {
    std::fprintf(stderr, "shardscape-cli: %s\nRun 'shardscape-cli --help' for usage.\n",
                 qPrintable(message));
    return 2;
}

// Reads the request body from a file or "-" (standard input).
bool readInput(const QString& source, QByteArray& body, QString& problem) {
    QFile file;
    const bool fromStdin = source == "-";
    if (fromStdin) {
        if (!file.open(stdin, QIODevice::ReadOnly)) {
            problem = "cannot read standard input";
            return false;
        }
    } else {
        file.setFileName(source);
        if (!file.open(QIODevice::ReadOnly)) {
            problem = QString("cannot read %1: %2").arg(source, file.errorString());
            return false;
        }
    }
    body = file.read(kMaxRequestBytes + 1);
    if (body.size() > kMaxRequestBytes) {
        problem = "request body is larger than 16 MB";
        return false;
    }
    return true;
}

int callCommand(const QCommandLineParser& parser, const QCommandLineOption& dataOption,
                const QCommandLineOption& inputOption) {
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2)
        return usage("usage: shardscape-cli call <Operation> [--data DIR] [--input FILE|-]");
    const std::string operation = args[1].toStdString();

    QByteArray body = "{}";
    if (parser.isSet(inputOption)) {
        QString problem;
        if (!readInput(parser.value(inputOption), body, problem)) return usage(problem);
    }
    const QString dataDirectory =
        parser.isSet(dataOption) ? parser.value(dataOption) : shardscape::defaultDataDirectory();
    auto engine = shardscape::Engine::open(dataDirectory.toStdString());
    if (!engine) return printError(engine.error());
    auto response = shardscape::dispatchText(**engine, operation,
                                             std::string_view(body.constData(), body.size()));
    if (!response) return printError(response.error());
    std::cout << response->dump(4) << std::endl;
    // Work the call started in the background (a GSI backfill, an index purge) finishes
    // before the process exits, so the next call sees the index ACTIVE.
    (*engine)->waitForBackgroundWork();
    return 0;
}

// simulate SCENARIO.json --out report.json [--csv DIR] [--mode model|execute] [--seed N]
int simulateCommand(const QCommandLineParser& parser, const QCommandLineOption& outOption,
                    const QCommandLineOption& csvOption, const QCommandLineOption& modeOption,
                    const QCommandLineOption& seedOption) {
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2 || !parser.isSet(outOption))
        return usage(
            "usage: shardscape-cli simulate SCENARIO.json --out report.json [--csv DIR] "
            "[--mode model|execute] [--seed N]");
    const QString mode = parser.isSet(modeOption) ? parser.value(modeOption) : "model";
    if (mode == "execute") return usage("--mode execute is not implemented yet; use --mode model");
    if (mode != "model") return usage(QString("unknown --mode '%1' (model or execute)").arg(mode));
    shardscape::SimulationOptions options;
    if (parser.isSet(seedOption)) {
        bool ok = false;
        const qulonglong seed = parser.value(seedOption).toULongLong(&ok);
        if (!ok) return usage(QString("--seed must be a non-negative integer"));
        options.seed = seed;
    }
    QByteArray text;
    QString problem;
    if (!readInput(args[1], text, problem)) return usage(problem);
    auto scenario = shardscape::Scenario::fromText(text.toStdString());
    if (!scenario) {
        std::cerr << "shardscape-cli: " << scenario.error().message << std::endl;
        return 1;
    }
    options.progress = [&](int done, int total) {
        std::fprintf(stderr, "\rsimulating %s: %d/%d s (%d%%)", scenario->name.c_str(), done, total,
                     total > 0 ? done * 100 / total : 100);
        if (done == total) std::fprintf(stderr, "\n");
    };
    auto report = shardscape::simulate(*scenario, options);
    if (!report) {
        std::cerr << "shardscape-cli: " << report.error().message << std::endl;
        return 1;
    }
    QFile out(parser.value(outOption));
    const QByteArray json = QByteArray::fromStdString(report->toJson().dump());
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(json) != json.size())
        return usage(QString("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    out.close();
    if (parser.isSet(csvOption)) {
        auto written = report->writeCsv(parser.value(csvOption).toStdString());
        if (!written) {
            std::cerr << "shardscape-cli: " << written.error().message << std::endl;
            return 1;
        }
    }
    std::fprintf(stderr, "%.0f requests, %.0f throttled; report in %s\n", report->requests,
                 report->throttledRequests, qPrintable(out.fileName()));
    return 0;
}

int serveCommand(const QCommandLineParser& parser, const QCommandLineOption& dataOption,
                 const QCommandLineOption& hostOption, const QCommandLineOption& portOption,
                 const QCommandLineOption& credentialsOption) {
    if (parser.positionalArguments().size() != 1)
        return usage(
            "usage: shardscape-cli serve [--data DIR] [--host HOST] [--port PORT] "
            "[--require-credentials KEYID:SECRET]");
    shardscape::ServeSettings settings;
    settings.dataDirectory =
        parser.isSet(dataOption) ? parser.value(dataOption) : shardscape::defaultDataDirectory();
    if (parser.isSet(hostOption)) settings.host = parser.value(hostOption);
    if (settings.host.isEmpty()) return usage("--host must not be empty");
    if (parser.isSet(portOption)) {
        bool ok = false;
        settings.port = parser.value(portOption).toInt(&ok);
        if (!ok || settings.port < 0 || settings.port > 65535)
            return usage(
                QString("--port must be 0 to 65535, not '%1'").arg(parser.value(portOption)));
    }
    if (parser.isSet(credentialsOption)) {
        const QString value = parser.value(credentialsOption);
        const qsizetype colon = value.indexOf(':');
        if (colon <= 0 || colon == value.size() - 1)
            return usage("--require-credentials takes KEYID:SECRET");
        settings.requiredCredentials = shardscape::sigv4::Credentials{
            value.left(colon).toStdString(), value.mid(colon + 1).toStdString(), {}};
    }
    return shardscape::runServe(settings);
}

}  // namespace

int main(int argc, char* argv[]) {
    QCoreApplication app(argc, argv);
    QCoreApplication::setApplicationName("shardscape-cli");
    QCoreApplication::setApplicationVersion(SHARDSCAPE_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription(
        "Shardscape's headless command line.\n\n"
        "Commands:\n"
        "  call <Operation>   Run one DynamoDB operation (CreateTable, PutItem, Query, ...) on "
        "the\n"
        "                     engine; the request is DynamoDB JSON as the AWS API takes it. "
        "Prints\n"
        "                     the response JSON, or the error JSON on stderr and exits 1.\n"
        "  simulate SCENARIO.json --out report.json [--csv DIR] [--seed N]\n"
        "                     Run a workload scenario through the capacity model (model mode)\n"
        "                     and write the report; progress on stderr.\n"
        "  serve              Serve the engine as a local DynamoDB endpoint (the JSON 1.0\n"
        "                     protocol the AWS CLI and SDKs speak; point them at it with\n"
        "                     --endpoint-url). Listens on 127.0.0.1:8000 unless told\n"
        "                     otherwise; --port 0 picks a free port. Stops cleanly on\n"
        "                     SIGINT/SIGTERM.");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataOption("data", "Engine data directory (default: %1).", "DIR");
    dataOption.setDescription(dataOption.description().arg(shardscape::defaultDataDirectory()));
    QCommandLineOption inputOption(
        "input", "Request body from FILE, or - for standard input (default: {}).", "FILE");
    QCommandLineOption outOption("out", "simulate: write the report JSON to FILE.", "FILE");
    QCommandLineOption csvOption("csv", "simulate: also write CSV series into DIR.", "DIR");
    QCommandLineOption modeOption("mode", "simulate: model (default) or execute.", "MODE");
    QCommandLineOption seedOption("seed", "simulate: random seed (overrides the scenario's).", "N");
    QCommandLineOption hostOption(
        "host", "serve: address to listen on (default 127.0.0.1; others print a warning).", "HOST");
    QCommandLineOption portOption("port", "serve: TCP port (default 8000; 0 picks a free one).",
                                  "PORT");
    QCommandLineOption credentialsOption(
        "require-credentials",
        "serve: accept only requests SigV4-signed with this key (default: any credentials).",
        "KEYID:SECRET");
    parser.addOptions({dataOption, inputOption, outOption, csvOption, modeOption, seedOption,
                       hostOption, portOption, credentialsOption});
    parser.addPositionalArgument("command", "call | serve | simulate");
    parser.addPositionalArgument("args", "Command arguments.", "[args...]");
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) return usage("missing command");
    if (args[0] == "call") return callCommand(parser, dataOption, inputOption);
    if (args[0] == "serve")
        return serveCommand(parser, dataOption, hostOption, portOption, credentialsOption);
    if (args[0] == "simulate")
        return simulateCommand(parser, outOption, csvOption, modeOption, seedOption);
    return usage(QString("unknown command '%1'").arg(args[0]));
}
