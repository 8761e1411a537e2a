// shardscape-cli model commit: a model's tables and items onto a connection (the local
// engine's data directory, an endpoint, a region), through backend/model_commit.h.
#include <unistd.h>
#include <csignal>
#include <iostream>

#include "backend/local_backend.h"
#include "backend/model_commit.h"
#include "backend/remote_backend.h"
#include "cli_commands.h"
#include "cli_support.h"
#include "model/model_file.h"
#include "storage/engine.h"

namespace cli {

namespace {

// Ctrl+C asks the run to stop after the request in flight; the report still prints.
std::atomic<bool> interrupted{false};

extern "C" void onInterrupt(int) {
    interrupted = true;
}

constexpr const char* kUsage =
    "usage: shardscape-cli model commit FILE (--data DIR | --endpoint URL | --region R "
    "[--profile P]) [--generate N] [--seed S] [--dry-run] [--json]";

}  // namespace

int commitCommand(const QCommandLineParser& parser) {
    const QStringList args = parser.positionalArguments();
    if (args.size() != 3) return usage(kUsage);
    const bool remote = wantsRemote(parser);
    const bool dryRun = parser.isSet("dry-run");
    if (remote && parser.isSet("data"))
        return usage(
            "model commit: give either --data DIR or a remote (--endpoint, --region), "
            "not both");
    if (!remote && !parser.isSet("data") && !dryRun)
        return usage(QString("model commit needs where to commit to\n") + kUsage);
    bool ok = true;
    const qlonglong generate =
        parser.isSet("generate") ? parser.value("generate").toLongLong(&ok) : 0;
    if (!ok || generate < 0) return usage("--generate takes a number of items");
    const qulonglong seed = parser.isSet("seed") ? parser.value("seed").toULongLong(&ok) : 1;
    if (!ok) return usage("--seed takes a number");

    auto model = shardscape::loadModel(args[2].toStdString());
    if (!model) return printProblem(model.error().message);
    auto plan = shardscape::planModelCommit(*model, {.generateItems = generate, .seed = seed});
    if (!plan) return printError(plan.error());
    if (dryRun) {
        if (parser.isSet("json"))
            std::cout << shardscape::commitPlanJson(*plan).dump(2) << std::endl;
        else
            std::cout << shardscape::commitPlanPreview(*plan) << std::flush;
        return 0;
    }

    std::shared_ptr<shardscape::Backend> backend;
    std::shared_ptr<shardscape::Engine> engine;
    if (remote) {
        auto connected = connectRemote(parser);
        if (!connected) return printError(connected.error());
        backend = std::move(connected).value();
    } else {
        auto opened = shardscape::Engine::open(dataDirectory(parser).toStdString());
        if (!opened) return printOpenError(opened.error());
        engine = std::move(opened).value();
        backend = std::make_shared<shardscape::LocalBackend>(engine);
    }
    const bool json = parser.isSet("json");
    if (!json) std::cout << shardscape::commitPlanPreview(*plan) << std::flush;

    std::signal(SIGINT, onInterrupt);
    shardscape::CommitRunOptions options;
    options.cancel = &interrupted;
    // Progress on a terminal only: a log file gets the report alone.
    if (isatty(STDERR_FILENO))
        options.progress = [](const shardscape::CommitProgress& progress) {
            std::cerr << "\r\033[K[" << progress.requestsDone << "/" << progress.requests << "] "
                      << progress.itemsWritten << "/" << progress.items << " items  "
                      << progress.current << std::flush;
        };
    const shardscape::CommitReport report = shardscape::commitModel(*backend, *plan, options);
    std::signal(SIGINT, SIG_DFL);
    if (isatty(STDERR_FILENO)) std::cerr << std::endl;
    if (engine) engine->waitForBackgroundWork();
    if (json)
        std::cout << shardscape::commitReportJson(report).dump(2) << std::endl;
    else
        std::cout << shardscape::formatCommitReport(report) << std::flush;
    return report.complete() ? 0 : 1;
}

}  // namespace cli
