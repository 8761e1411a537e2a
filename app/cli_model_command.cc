// shardscape-cli model check|import|export: thin wrappers over core/model (commit:
// cli_commit_command.cc).
#include <iostream>

#include "cli_commands.h"
#include "cli_support.h"
#include "model/access_pattern_analyzer.h"
#include "model/model_file.h"
#include "model/model_json.h"
#include "model/model_report.h"
#include "model/table_export.h"
#include "model/workbench_format.h"

namespace cli {

namespace {

int check(const QCommandLineParser& parser, const QStringList& args) {
    if (args.size() != 3) return usage("usage: shardscape-cli model check FILE [--json]");
    auto model = shardscape::loadModel(args[2].toStdString());
    if (!model) return printProblem(model.error().message);
    const auto problems = shardscape::validateModel(*model);
    const auto analysis = shardscape::analyzeModel(*model);
    if (parser.isSet("json"))
        std::cout << shardscape::modelCheckJson(problems, analysis).dump(2) << std::endl;
    else
        std::cout << shardscape::formatModelCheck(*model, problems, analysis) << std::flush;
    return problems.empty() && !analysis.hasRed() ? 0 : 1;
}

int importModel(const QCommandLineParser& parser, const QStringList& args) {
    // "model import --from workbench IN --out OUT", or "model import-workbench IN OUT".
    QString in, out;
    if (args[1] == "import-workbench" && args.size() == 4) {
        in = args[2];
        out = args[3];
    } else if (args[1] == "import" && args.size() == 3 && parser.isSet("out")) {
        if (parser.value("from") != "workbench")
            return usage("model import: --from workbench is the format it reads");
        in = args[2];
        out = parser.value("out");
    } else {
        return usage("usage: shardscape-cli model import --from workbench FILE --out FILE");
    }
    auto text = shardscape::readTextFile(in.toStdString());
    if (!text) return printProblem(text.error().message);
    auto model = shardscape::modelFromWorkbenchText(*text);
    if (!model) return printProblem(in.toStdString() + ": " + model.error().message);
    shardscape::Status saved = shardscape::saveModel(*model, out.toStdString());
    if (!saved.ok()) return printProblem(saved.error().message);
    size_t items = 0;
    for (const auto& t : model->tables) items += t.sampleItems.size();
    for (const auto& e : model->entities) items += e.sampleItems.size();
    std::cout << "Imported " << model->tables.size() << " tables, " << model->entities.size()
              << " entity types and " << items << " sample items into " << out.toStdString()
              << std::endl;
    const auto problems = shardscape::validateModel(*model);
    for (const auto& p : problems) std::cout << "  check: " << p.where << ": " << p.message << "\n";
    return 0;
}

int exportModel(const QCommandLineParser& parser, const QStringList& args) {
    QString to = parser.isSet("to") ? parser.value("to") : parser.value("format");
    if (to == "aws-cli") to = "cli-json";
    if (to == "nosql-workbench") to = "workbench";
    if (args.size() != 3 || (to != "workbench" && to != "cloudformation" && to != "cli-json"))
        return usage(
            "usage: shardscape-cli model export FILE --to workbench|cloudformation|cli-json "
            "[--table T] [--out FILE]");
    auto model = shardscape::loadModel(args[2].toStdString());
    if (!model) return printProblem(model.error().message);
    if (to == "cloudformation")
        return writeOutput(parser, shardscape::cloudFormationTemplate(*model));
    if (to == "workbench")
        return writeOutput(parser, shardscape::modelToWorkbench(*model).dump(2) + "\n");
    // One CreateTable request per file: the AWS CLI reads one table per --cli-input-json.
    const shardscape::ModelTable* table = nullptr;
    if (parser.isSet("table")) {
        table = model->findTable(parser.value("table").toStdString());
        if (!table)
            return printProblem("the model has no table " + parser.value("table").toStdString());
    } else if (model->tables.size() == 1) {
        table = &model->tables[0];
    } else {
        std::string names;
        for (const auto& t : model->tables) names.append(names.empty() ? "" : ", ").append(t.name);
        return usage(QString::fromStdString("the model has several tables (" + names +
                                            "); choose one with --table"));
    }
    return writeOutput(parser, shardscape::createTableRequest(*table).dump(2) + "\n");
}

}  // namespace

int modelCommand(const QCommandLineParser& parser) {
    const QStringList args = parser.positionalArguments();
    const QString sub = args.size() > 1 ? args[1] : QString();
    if (sub == "check") return check(parser, args);
    if (sub == "import" || sub == "import-workbench") return importModel(parser, args);
    if (sub == "export") return exportModel(parser, args);
    if (sub == "commit") return commitCommand(parser);
    return usage("usage: shardscape-cli model check|import|export|commit ...");
}

}  // namespace cli
