// shardscape-cli load and dump: thin wrappers over core/model and core/transfer.
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>

#include "cli_commands.h"
#include "cli_support.h"
#include "model/model_engine.h"
#include "model/model_file.h"
#include "model/model_validation.h"
#include "model/sample_data_generator.h"
#include "storage/data_directory_repair.h"
#include "storage/engine.h"
#include "transfer/item_export.h"
#include "transfer/item_import.h"

namespace cli {

namespace {

std::optional<shardscape::ItemFormat> formatOption(const QCommandLineParser& parser) {
    return shardscape::itemFormatFromName(
        parser.isSet("format") ? parser.value("format").toStdString() : "dynamodb-json");
}

// "--types price=N,active=BOOL" -> {price: N, active: BOOL}.
bool parseTypes(const QString& text, std::map<std::string, std::string>& out) {
    for (const QString& pair : text.split(',', Qt::SkipEmptyParts)) {
        const QStringList parts = pair.split('=');
        if (parts.size() != 2 || parts[0].isEmpty()) return false;
        out[parts[0].trimmed().toStdString()] = parts[1].trimmed().toStdString();
    }
    return true;
}

}  // namespace

int loadCommand(const QCommandLineParser& parser) {
    const QStringList args = parser.positionalArguments();
    QString file = parser.value("file");
    if (args.size() == 2 && file.isEmpty()) file = args[1];
    if (args.size() > 2 || (args.size() == 2 && parser.isSet("file")))
        return usage("load takes one item file (--file FILE or FILE)");
    if (!parser.isSet("model") && file.isEmpty())
        return usage(
            "usage: shardscape-cli load --data DIR --model FILE [--generate N] [--seed S] "
            "[--file ITEMS --format F]");
    if (parser.isSet("generate") && !parser.isSet("model"))
        return usage("--generate needs --model (the entity types to generate from)");
    const auto format = formatOption(parser);
    if (!format) return usage("--format is dynamodb-json, s3-export, json or csv");
    std::map<std::string, std::string> types;
    if (parser.isSet("types") && !parseTypes(parser.value("types"), types))
        return usage("--types is a list like price=N,active=BOOL");
    bool countOk = true;
    const qlonglong generate =
        parser.isSet("generate") ? parser.value("generate").toLongLong(&countOk) : 0;
    if (!countOk || generate < 0) return usage("--generate takes a number of items");
    const qulonglong seed = parser.isSet("seed") ? parser.value("seed").toULongLong(&countOk) : 1;
    if (!countOk) return usage("--seed takes a number");

    auto engine = shardscape::Engine::open(dataDirectory(parser).toStdString());
    if (!engine) return printOpenError(engine.error());

    std::string table = parser.value("table").toStdString();
    bool failed = false;  // some model sample item was rejected
    if (parser.isSet("model")) {
        auto model = shardscape::loadModel(parser.value("model").toStdString());
        if (!model) return printProblem(model.error().message);
        const auto problems = shardscape::validateModel(*model);
        if (!problems.empty()) {
            for (const auto& p : problems) std::cerr << p.where << ": " << p.message << "\n";
            return printProblem("the model is not valid; run 'shardscape-cli model check'");
        }
        auto tables = shardscape::createModelTables(**engine, *model);
        if (!tables) return printError(tables.error());
        for (const auto& name : tables->created) std::cout << "Created table " << name << "\n";
        auto samples = shardscape::loadModelSampleItems(**engine, *model);
        if (!samples) return printError(samples.error());
        if (samples->written > 0)
            std::cout << "Loaded " << samples->written << " sample items from the model\n";
        for (const auto& r : samples->rejected) std::cout << "Rejected sample item " << r << "\n";
        failed = !samples->rejected.empty();
        if (generate > 0) {
            shardscape::GenerateOptions options;
            options.items = generate;
            options.seed = seed;
            auto report = shardscape::generateSampleData(**engine, *model, options);
            if (!report) return printError(report.error());
            std::cout << "Generated " << report->items << " items (seed " << seed << "):";
            for (const auto& [entity, count] : report->perEntity)
                std::cout << " " << entity << " " << count;
            std::cout << "\n";
        }
        if (table.empty() && model->tables.size() == 1) table = model->tables[0].name;
    }
    if (file.isEmpty()) return failed ? 1 : 0;
    if (table.empty()) return usage("which table? give --table T");

    shardscape::ImportOptions options;
    options.format = *format;
    options.columnTypes = types;
    options.allOrNothing = parser.isSet("all-or-nothing");
    options.progress = [](const shardscape::ImportProgress& p) {
        if (p.records % 100000 == 0 && p.records > 0)
            std::cerr << p.records << " records read, " << p.imported << " imported, " << p.rejected
                      << " rejected\n";
        return true;
    };
    auto report = shardscape::importItemsFromFile(**engine, table, file.toStdString(), options);
    if (!report) return printError(report.error());
    std::cout << report->summary() << std::flush;
    return report->complete() && !failed ? 0 : 1;
}

int dumpCommand(const QCommandLineParser& parser) {
    if (parser.positionalArguments().size() != 1 || !parser.isSet("table"))
        return usage("usage: shardscape-cli dump --data DIR --table T [--format F] [--out FILE]");
    const auto format = formatOption(parser);
    if (!format) return usage("--format is dynamodb-json, s3-export, json or csv");
    auto engine = shardscape::Engine::open(dataDirectory(parser).toStdString());
    if (!engine) return printOpenError(engine.error());
    shardscape::ExportOptions options;
    options.format = *format;
    const std::string table = parser.value("table").toStdString();
    if (!parser.isSet("out")) {
        auto report = shardscape::exportItems(**engine, table, std::cout, options);
        return report ? 0 : printError(report.error());
    }
    // Write beside the target and rename, so a failed export leaves no half file behind.
    const std::string path = parser.value("out").toStdString();
    std::string temp = path;
    temp.append(".partial");
    std::ofstream out(temp, std::ios::binary | std::ios::trunc);
    if (!out) return printProblem("cannot write " + temp);
    auto report = shardscape::exportItems(**engine, table, out, options);
    out.close();
    std::error_code ec;
    if (!report || !out) {
        std::filesystem::remove(temp, ec);
        return report ? printProblem("writing " + path + " failed") : printError(report.error());
    }
    std::filesystem::rename(temp, path, ec);
    if (ec) {
        std::error_code ignored;
        std::filesystem::remove(temp, ignored);
        return printProblem("cannot replace " + path + ": " + ec.message());
    }
    std::cerr << "Exported " << report->items << " items to " << path << "\n";
    return 0;
}

int repairCommand(const QCommandLineParser& parser) {
    if (parser.positionalArguments().size() != 1 || !parser.isSet("data"))
        return usage("usage: shardscape-cli repair --data DIR");
    const std::string directory = parser.value("data").toStdString();
    auto report = shardscape::repairDataDirectory(directory);
    if (!report) return printOpenError(report.error());
    std::cout << report->summary();
    return 0;
}

}  // namespace cli
