// shardscape-cli simulate: a workload scenario through the capacity model (model mode) or as
// real requests against a temporary engine (execute mode).
#include <QFile>
#include <cstdio>

#include "cli_commands.h"
#include "cli_support.h"
#include "model/model_json.h"
#include "model/model_scenario.h"
#include "simulation/simulator.h"
#include "simulation/workload_execution.h"
#include "values/attribute_json.h"

namespace cli {

namespace {

// Scenario `name` of a model file (the only one when `name` is empty).
shardscape::Result<shardscape::Scenario> modelScenario(const std::string& text,
                                                       const QString& name) {
    auto model = shardscape::parseModelText(text);
    if (!model) return model.error();
    std::string names;
    for (size_t i = 0; i < model->scenarios.size(); ++i) {
        const std::string own = model->scenarios[i].value("name", std::string());
        if (own == name.toStdString() || (name.isEmpty() && model->scenarios.size() == 1))
            return shardscape::simulatorScenario(*model, i);
        names.append(names.empty() ? "" : ", ").append("'" + own + "'");
    }
    if (names.empty()) return shardscape::validationError("The model has no scenarios");
    return shardscape::validationError(
        (name.isEmpty() ? std::string("The model has several scenarios; choose one")
                        : "The model has no scenario named '" + name.toStdString() + "'") +
        " with --scenario: " + names);
}

}  // namespace

// simulate SCENARIO.json --out report.json [--csv DIR] [--mode model|execute] [--seed N]
// simulate MODEL.shardscape.json [--scenario NAME] --out report.json ...
int simulateCommand(const QCommandLineParser& parser) {
    const QStringList args = parser.positionalArguments();
    if (args.size() != 2 || !parser.isSet("out"))
        return usage(
            "usage: shardscape-cli simulate SCENARIO.json|MODEL.shardscape.json [--scenario NAME] "
            "--out report.json [--csv DIR] [--mode model|execute] [--seed N]");
    const QString mode = parser.isSet("mode") ? parser.value("mode") : "model";
    if (mode != "model" && mode != "execute")
        return usage(QString("unknown --mode '%1' (model or execute)").arg(mode));
    shardscape::SimulationOptions options;
    if (parser.isSet("seed")) {
        bool ok = false;
        const qulonglong seed = parser.value("seed").toULongLong(&ok);
        if (!ok) return usage(QString("--seed must be a non-negative integer"));
        options.seed = seed;
    }
    QFile input(args[1]);
    if (!input.open(QIODevice::ReadOnly))
        return usage(QString("cannot read %1: %2").arg(args[1], input.errorString()));
    const QByteArray text = input.readAll();
    // A model file (it has a formatVersion) runs one of its own scenarios.
    const auto parsed = shardscape::Json::parse(text.toStdString(), nullptr, false);
    const bool isModel = parsed.is_object() && parsed.contains("formatVersion");
    if (parser.isSet("scenario") && !isModel)
        return usage("--scenario picks a scenario of a model file (*.shardscape.json)");
    auto scenario = isModel ? modelScenario(text.toStdString(), parser.value("scenario"))
                            : shardscape::Scenario::fromText(text.toStdString());
    if (!scenario) {
        return printProblem(scenario.error().message);
    }
    options.progress = [&](int done, int total) {
        std::fprintf(stderr, "\rsimulating %s: %d/%d s (%d%%)", scenario->name.c_str(), done, total,
                     total > 0 ? done * 100 / total : 100);
        if (done == total) std::fprintf(stderr, "\n");
    };
    auto report = mode == "execute" ? shardscape::executeScenario(*scenario, options)
                                    : shardscape::simulate(*scenario, options);
    if (!report) {
        return printProblem(report.error().message);
    }
    QFile out(parser.value("out"));
    const QByteArray json = QByteArray::fromStdString(report->toJson().dump());
    if (!out.open(QIODevice::WriteOnly | QIODevice::Truncate) || out.write(json) != json.size())
        return usage(QString("cannot write %1: %2").arg(out.fileName(), out.errorString()));
    out.close();
    if (parser.isSet("csv")) {
        auto written = report->writeCsv(parser.value("csv").toStdString());
        if (!written) {
            return printProblem(written.error().message);
        }
    }
    std::fprintf(stderr, "%.0f requests, %.0f throttled; report in %s\n", report->requests,
                 report->throttledRequests, qPrintable(out.fileName()));
    if (!report->burstVerdict().empty())
        std::fprintf(stderr, "%s\n", report->burstVerdict().c_str());
    return 0;
}

}  // namespace cli
