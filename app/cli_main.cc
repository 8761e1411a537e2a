// shardscape-cli: the headless command line (call, serve, model, load, dump, simulate, repair).
// Commands other than `call` live in serve_command.cc and cli_*_command(s).cc.
#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <cstdio>
#include <iostream>

#include "api/dispatch.h"
#include "cli_commands.h"
#include "cli_support.h"
#include "data_directory.h"
#include "serve_command.h"
#include "storage/engine.h"

namespace {

constexpr qint64 kMaxRequestBytes = 16 * 1024 * 1024;

// What `call` prints is what the endpoint would answer: every error in its wire form.
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
    // A pipe delivers a body in pieces (64 KB at a time on Linux): read to the end of the
    // input, or one byte past the limit.
    body.clear();
    while (body.size() <= kMaxRequestBytes) {
        const QByteArray piece = file.read(kMaxRequestBytes + 1 - body.size());
        if (piece.isEmpty()) {
            if (file.error() != QFileDevice::NoError) {
                problem =
                    QString("cannot read %1: %2")
                        .arg(fromStdin ? QString("standard input") : source, file.errorString());
                return false;
            }
            break;
        }
        body.append(piece);
    }
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
    if (cli::wantsRemote(parser)) return cli::remoteCall(parser, operation, body);
    const QString dataDirectory =
        parser.isSet(dataOption) ? parser.value(dataOption) : shardscape::defaultDataDirectory();
    auto engine = shardscape::Engine::open(dataDirectory.toStdString());
    if (!engine) return cli::printOpenError(engine.error());
    auto response = shardscape::dispatchText(**engine, operation,
                                             std::string_view(body.constData(), body.size()));
    if (!response) return printError(response.error());
    std::cout << response->dump(4) << std::endl;
    // Work the call started in the background (a GSI backfill, an index purge) finishes
    // before the process exits, so the next call sees the index ACTIVE, or is told here
    // that it failed (the index then says so in DescribeTable).
    (*engine)->waitForBackgroundWork();
    for (const shardscape::BackgroundFailure& failure : (*engine)->backgroundFailures())
        std::cerr << "shardscape-cli: background work failed: " << failure.describe() << std::endl;
    return 0;
}

// --create-table-ms, --update-table-ms, --delete-table-ms: a count of milliseconds.
bool readLifecycleOption(const QCommandLineParser& parser, const char* name, int64_t& value,
                         QString& problem) {
    if (!parser.isSet(name)) return true;
    bool ok = false;
    const qlonglong ms = parser.value(name).toLongLong(&ok);
    if (!ok || ms < 0 || ms > 86'400'000) {
        problem = QString("--%1 must be 0 to 86400000 milliseconds, not '%2'")
                      .arg(name, parser.value(name));
        return false;
    }
    value = ms;
    return true;
}

int serveCommand(const QCommandLineParser& parser, const QCommandLineOption& dataOption,
                 const QCommandLineOption& hostOption, const QCommandLineOption& portOption,
                 const QCommandLineOption& credentialsOption) {
    if (parser.positionalArguments().size() != 1)
        return usage(
            "usage: shardscape-cli serve [--data DIR] [--host HOST] [--port PORT] "
            "[--require-credentials KEYID:SECRET] [--region R] [--create-table-ms N] "
            "[--update-table-ms N] [--delete-table-ms N]");
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
    if (parser.isSet("region")) {
        settings.region = parser.value("region").toStdString();
        if (settings.region.empty()) return usage("--region must not be empty");
    }
    QString problem;
    if (!readLifecycleOption(parser, "create-table-ms", settings.createTableMs, problem) ||
        !readLifecycleOption(parser, "update-table-ms", settings.updateTableMs, problem) ||
        !readLifecycleOption(parser, "delete-table-ms", settings.deleteTableMs, problem))
        return usage(problem);
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
        "  call <Operation>       Run one DynamoDB operation (CreateTable, PutItem, Query, ...)\n"
        "                         on the engine; the request is DynamoDB JSON as the AWS API\n"
        "                         takes it. Prints the response JSON, or the error JSON on\n"
        "                         stderr and exits 1. With --endpoint URL (or --region R, or\n"
        "                         --profile P) the operation goes to that DynamoDB endpoint\n"
        "                         instead, signed with SigV4 (credentials: AWS_ACCESS_KEY_ID/\n"
        "                         AWS_SECRET_ACCESS_KEY, else the AWS profile's).\n"
        "  serve [--data DIR] [--host H] [--port P] [--require-credentials KEYID:SECRET]\n"
        "                         Serve the engine as a local DynamoDB endpoint (the JSON 1.0\n"
        "                         protocol the AWS CLI and SDKs speak; point them at it with\n"
        "                         --endpoint-url). Listens on 127.0.0.1:8000 unless told\n"
        "                         otherwise; --port 0 picks a free port. Stops cleanly on\n"
        "                         SIGINT/SIGTERM. --create-table-ms N, --update-table-ms N\n"
        "                         and --delete-table-ms N keep tables CREATING, UPDATING\n"
        "                         and DELETING that long (default 0: immediate); --region R\n"
        "                         is the region its health check (GET /) names.\n"
        "  model check FILE [--json]\n"
        "                         Validate a model (*.shardscape.json) and print each access\n"
        "                         pattern's verdict (green/amber/red/impossible) and design\n"
        "                         smells. Exits 1 on an error or a red or impossible pattern.\n"
        "  model import --from workbench FILE --out FILE\n"
        "                         Convert a NoSQL Workbench data model into a Shardscape model.\n"
        "  model export FILE --to workbench|cloudformation|cli-json [--table T] [--out FILE]\n"
        "                         Write the model as a NoSQL Workbench model, a CloudFormation\n"
        "                         template (YAML) or a `create-table --cli-input-json` request.\n"
        "  model commit FILE (--data DIR | --endpoint URL | --region R [--profile P])\n"
        "       [--generate N] [--seed S] [--dry-run] [--json]\n"
        "                         Create the model's tables and indexes on that connection and\n"
        "                         write its sample items (and N generated ones); tables that\n"
        "                         exist are reported and left alone. --dry-run prints the\n"
        "                         requests only. Exits 1 unless everything was committed.\n"
        "  load --data DIR [--model FILE] [--generate N] [--seed S]\n"
        "       [--file ITEMS --format F [--table T] [--types a=N,b=S] [--all-or-nothing]]\n"
        "                         Create the model's tables and load its sample items, generate\n"
        "                         N sample items from its entity types, and/or import an item\n"
        "                         file. Prints a report; exits 1 if any record was rejected.\n"
        "  dump --data DIR --table T [--format F] [--out FILE]\n"
        "                         Export a table's items.\n"
        "  remote import-schema --endpoint URL --table T --out MODEL\n"
        "                         Describe a remote table and add its schema to a model file\n"
        "                         (created if missing; a table of that name is replaced).\n"
        "  remote sample --endpoint URL --table T [--count N] [--data DIR]\n"
        "                         Scan N items (default 100) of a remote table into the local\n"
        "                         engine, creating the table there with the remote's schema.\n"
        "  simulate SCENARIO.json --out report.json [--csv DIR] [--seed N]\n"
        "                         Run a workload scenario through the capacity model (model\n"
        "                         mode) and write the report; progress on stderr.\n"
        "  simulate MODEL.shardscape.json [--scenario NAME] --out report.json ...\n"
        "                         The same for one of a model's scenarios.\n"
        "  repair --data DIR      Repair a data directory that does not open or that a storage\n"
        "                         error left in doubt: LevelDB's repair, then every table\n"
        "                         counted and every index checked against its table.\n\n"
        "Item formats (F): dynamodb-json (default; an array or one item per line), s3-export\n"
        "({\"Item\":{...}} per line), json (plain JSON, types inferred), csv (header row;\n"
        "'name:TYPE' header cells or --types give types, otherwise inferred).\n\n"
        "Exit status: 0 success, 1 the command found a problem, 2 a wrong command line.");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataOption("data", "Engine data directory (default: %1).", "DIR");
    dataOption.setDescription(dataOption.description().arg(shardscape::defaultDataDirectory()));
    QCommandLineOption inputOption(
        "input", "Request body from FILE, or - for standard input (default: {}).", "FILE");
    QCommandLineOption hostOption(
        "host", "serve: address to listen on (default 127.0.0.1; others print a warning).", "HOST");
    QCommandLineOption portOption("port", "serve: TCP port (default 8000; 0 picks a free one).",
                                  "PORT");
    QCommandLineOption credentialsOption(
        "require-credentials",
        "serve: accept only requests SigV4-signed with this key (default: any credentials).",
        "KEYID:SECRET");
    parser.addOptions({dataOption, inputOption, hostOption, portOption, credentialsOption});
    parser.addOptions({
        {"json", "model check, model commit: print the result as JSON."},
        {"dry-run", "model commit: print the requests without sending them."},
        {"from", "model import: the source format (workbench).", "FORMAT"},
        {"to", "model export: workbench, cloudformation or cli-json.", "FORMAT"},
        {"out", "Write the output to FILE (atomically) instead of standard output.", "FILE"},
        {"table", "The table to export, load into or dump.", "T"},
        {"model", "load: the model file whose tables to create and items to load.", "FILE"},
        {"generate", "load, model commit: generate N sample items from the model's entity types.",
         "N"},
        {"seed",
         "load: seed of the sample-data generator (default 1); simulate: the random "
         "seed (default: the scenario's).",
         "S"},
        {"csv", "simulate: also write the CSV series into DIR.", "DIR"},
        {"mode",
         "simulate: model (default: statistical) or execute (real requests against a "
         "temporary engine under a simulated clock).",
         "MODE"},
        {"scenario", "simulate: the scenario of the model file to run.", "NAME"},
        {"file", "load: the item file to import.", "ITEMS"},
        {"format", "Item file format: dynamodb-json, s3-export, json or csv.", "F"},
        {"types", "load: CSV column types, e.g. price=N,active=BOOL.", "LIST"},
        {"all-or-nothing", "load: check every record first; import nothing if any is bad."},
        {"endpoint",
         "call, remote, model commit: send to this DynamoDB endpoint (http:// or https://).",
         "URL"},
        {"region",
         "call, remote: the AWS region (signing; the endpoint when no URL). serve: the region "
         "its health check (GET /) names.",
         "R"},
        {"profile", "call, remote: credentials and region of this AWS profile (~/.aws).", "P"},
        {"count", "remote sample: how many items to copy (default 100).", "N"},
        {"create-table-ms", "serve: how long a new table stays CREATING (default 0).", "N"},
        {"update-table-ms", "serve: how long an updated table stays UPDATING (default 0).", "N"},
        {"delete-table-ms", "serve: how long a deleted table stays DELETING (default 0).", "N"},
    });
    parser.addPositionalArgument("command",
                                 "call, serve, model, load, dump, remote, simulate or repair");
    parser.addPositionalArgument("args", "Command arguments.", "[args...]");
    parser.process(app);

    const QStringList args = parser.positionalArguments();
    if (args.isEmpty()) return usage("missing command");
    if (args[0] == "call") return callCommand(parser, dataOption, inputOption);
    if (args[0] == "serve")
        return serveCommand(parser, dataOption, hostOption, portOption, credentialsOption);
    if (args[0] == "model") return cli::modelCommand(parser);
    if (args[0] == "load") return cli::loadCommand(parser);
    if (args[0] == "dump") return cli::dumpCommand(parser);
    if (args[0] == "simulate") return cli::simulateCommand(parser);
    if (args[0] == "remote") return cli::remoteCommand(parser);
    if (args[0] == "repair") return cli::repairCommand(parser);
    return usage(QString("unknown command '%1'").arg(args[0]));
}
