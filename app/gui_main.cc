// shardscape: the desktop workbench.
#include <QApplication>
#include <QCheckBox>
#include <QCommandLineParser>
#include <QDir>
#include <QTableView>
#include <QTableWidget>
#include <QTimer>
#include <cstdio>
#include <string_view>

#include "backend/local_backend.h"
#include "bundled_data.h"
#include "data_directory.h"
#include "data_view.h"
#include "design_document.h"
#include "designer_view.h"
#include "designer_workbench.h"
#include "first_paint_probe.h"
#include "main_window.h"
#include "new_model_dialog.h"
#include "scenario_dialog.h"
#include "screenshot.h"
#include "storage/engine.h"
#include "theme.h"

namespace {

// The command line, for the GUI and for --help/--version (which need no display).
struct Options {
    QCommandLineOption data{"data", "Engine data directory (default: %1).", "DIR"};
    QCommandLineOption screenshot{"screenshot", "Render the window to FILE.png and exit.", "FILE"};
    QCommandLineOption listBundled{
        "list-bundled", "Print the bundled example models and scenarios (full paths) and exit."};
    QCommandLineOption view{
        "view",
        "The view to show first: tables, data, query, partiql, designer, simulation, heatmap, "
        "capacity, compare, classroom, live or streams.",
        "VIEW"};
    QCommandLineOption model{
        "model",
        "Open the model FILE (*.shardscape.json) in the designer and the engine; the simulation "
        "views run its first scenario.",
        "FILE"};
    QCommandLineOption dialog{
        "dialog",
        "Open a dialog: item-editor, import, export or sample-data over the Data view; "
        "entity-type, access-pattern, scenario, rate-shape (the scenario editor's Rate… dialog) "
        "or new-model over the designer (with --model's model, or the bundled e-commerce one); "
        "suggest-fix over the designer (the hot-partition model unless --model gives one).",
        "DIALOG"};
    QCommandLineOption theme{
        "theme", "system, light or dark for this run (View > Theme remembers a choice).", "THEME"};

    void addTo(QCommandLineParser& parser) {
        parser.setApplicationDescription("Shardscape — a workbench for DynamoDB data modeling.");
        parser.addHelpOption();
        parser.addVersionOption();
        data.setDescription(data.description().arg(shardscape::defaultDataDirectory()));
        parser.addOptions({data, screenshot, listBundled, view, model, dialog, theme});
    }
};

void nameApplication() {
    QCoreApplication::setApplicationName("shardscape");
    QCoreApplication::setApplicationVersion(SHARDSCAPE_VERSION);
}

// --help and --version print and exit before a display is needed.
bool asksForHelpOrVersion(int argc, char* argv[]) {
    for (int i = 1; i < argc; ++i) {
        const std::string_view arg = argv[i];
        if (arg == "-h" || arg == "--help" || arg == "-?" || arg == "--help-all" || arg == "-v" ||
            arg == "--version")
            return true;
    }
    return false;
}

const QStringList kDesignerDialogs = {"entity-type", "access-pattern", "scenario",
                                      "rate-shape",  "new-model",      "suggest-fix"};

}  // namespace

int main(int argc, char* argv[]) {
    if (asksForHelpOrVersion(argc, argv)) {
        QCoreApplication app(argc, argv);
        nameApplication();
        QCommandLineParser parser;
        Options options;
        options.addTo(parser);
        parser.process(app);  // prints and exits
        return 0;
    }
    QApplication app(argc, argv);
    nameApplication();
    QApplication::setApplicationDisplayName("Shardscape");

    QCommandLineParser parser;
    Options options;
    options.addTo(parser);
    parser.process(app);
    const QCommandLineOption& dataOption = options.data;
    const QCommandLineOption& screenshotOption = options.screenshot;
    const QCommandLineOption& listBundledOption = options.listBundled;
    const QCommandLineOption& viewOption = options.view;
    const QCommandLineOption& modelOption = options.model;
    const QCommandLineOption& dialogOption = options.dialog;
    const QCommandLineOption& themeOption = options.theme;
    // A screenshot of the designer, or of one of its editors over it.
    const bool designerDialog =
        parser.isSet(dialogOption) && kDesignerDialogs.contains(parser.value(dialogOption));
    const bool designerShot = parser.isSet(screenshotOption) &&
                              (parser.value(viewOption) == "designer" || designerDialog);

    const QString bundled = shardscape::bundledDataDirectory(QApplication::applicationDirPath());
    if (parser.isSet(listBundledOption)) {
        for (const char* kind : {"models", "scenarios"}) {
            const QDir dir(bundled + "/" + kind);
            for (const QString& name : dir.entryList({"*.json"}, QDir::Files, QDir::Name))
                std::printf("%s\n", qPrintable(dir.absoluteFilePath(name)));
        }
        return bundled.isEmpty() ? 1 : 0;
    }

    const QString dataDirectory =
        parser.isSet(dataOption) ? parser.value(dataOption) : shardscape::defaultDataDirectory();
    std::shared_ptr<shardscape::Engine> engine;
    QString openError;
    auto opened = shardscape::Engine::open(dataDirectory.toStdString());
    if (opened) {
        engine = std::move(opened).value();
    } else if (opened.error().isBusy()) {
        openError = QObject::tr(
                        "%1 is in use by another Shardscape (this app, or shardscape-cli serve "
                        "or load). Close it and start again, or start with --data DIR to use "
                        "another directory.")
                        .arg(dataDirectory);
        std::fprintf(stderr, "shardscape: %s\n", opened.error().message.c_str());
    } else {
        openError = QString::fromStdString(opened.error().message);
    }

    if (parser.isSet(themeOption))
        shardscape::applyTheme(shardscape::themeFromName(parser.value(themeOption)), false);
    else
        shardscape::applySavedTheme();
    // The window and its views reach the engine only through this backend.
    std::shared_ptr<shardscape::Backend> local;
    if (engine) local = std::make_shared<shardscape::LocalBackend>(engine);
    shardscape::MainWindow window(local, dataDirectory, openError);
    window.setBundledDirectory(bundled);
    // First start (or an empty data directory) without a model to open: offer the bundled
    // examples.
    if ((!engine || engine->tableNames().empty()) && !parser.isSet(modelOption) && !designerShot &&
        parser.value(dialogOption) != "suggest-fix")
        window.showWelcome(bundled);
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        std::fprintf(
            stderr,
            "shardscape: unknown view '%s' (tables, data, query, partiql, designer, simulation, "
            "heatmap, capacity, compare, classroom, live, streams)\n",
            qPrintable(parser.value(viewOption)));
        return 2;
    }
    // The designer shows the model given, or for a screenshot of it, the first bundled one.
    QString model = parser.value(modelOption);
    const bool suggestFix = parser.value(dialogOption) == "suggest-fix";
    if (model.isEmpty() && designerShot && !suggestFix)
        model = QDir(bundled + "/models").absoluteFilePath("ecommerce.shardscape.json");
    // Suggest a fix shows its lesson on the teaching model's hot key.
    if (model.isEmpty() && suggestFix)
        model = QDir(bundled + "/models").absoluteFilePath("hot-partition.shardscape.json");
    if (!model.isEmpty()) {
        window.designer()->setErrorReporter([](const QString& message) {
            std::fprintf(stderr, "shardscape: %s\n", qPrintable(message));
        });
        if (!window.designer()->openFile(model)) return 1;
    }
    // The designer needs room: its screenshot is taken at a typical desktop size.
    if (designerShot) window.resize(1480, 920);
    // bench_gui's cold-start measurement (SHARDSCAPE_FIRST_PAINT_EXIT): quit at the first paint.
    shardscape::FirstPaintProbe::installIfAsked(&window);
    window.show();
    if (designerDialog) {
        // Each editor opens on a part of the model that shows what it does.
        const QString dialog = parser.value(dialogOption);
        window.showView("designer");
        shardscape::DesignerView* designer = window.designer()->view();
        const shardscape::Model& current = window.designer()->document()->model();
        auto first = [](const auto& list) {
            return list.empty() ? QString() : QString::fromStdString(list.front().name);
        };
        if (dialog == "suggest-fix") {
            window.suggestFix();
        } else if (dialog == "entity-type") {
            const auto* order = current.findEntity("Order");
            designer->editEntityType(order ? QString("Order") : first(current.entities));
        } else if (dialog == "access-pattern") {
            const auto* open = current.findAccessPattern("listOpenOrders");
            designer->editAccessPattern(open ? QString("listOpenOrders")
                                             : first(current.accessPatterns));
        } else if (dialog == "new-model") {
            auto* start = new shardscape::NewModelDialog(&window);
            start->setAttribute(Qt::WA_DeleteOnClose);
            start->open();
        } else {
            const QString name = current.scenarios.empty()
                                     ? QString()
                                     : QString::fromStdString(
                                           current.scenarios.front().value("name", std::string()));
            shardscape::ScenarioDialog* scenario = designer->editScenario(name);
            // The Rate… dialog of its first pattern with spikes, else its first shaped one,
            // else its first one.
            if (dialog == "rate-shape") {
                int row = -1;
                int rank = 0;
                for (int r = 0; r < scenario->patternTable()->rowCount(); ++r) {
                    auto* tick = static_cast<QCheckBox*>(
                        scenario->cell(r, shardscape::ScenarioDialog::Pattern));
                    if (!tick->isChecked()) continue;
                    const std::string& shape = scenario->rowForm(r).shape;
                    const int score = shape == "spikes" ? 3 : shape != "constant" ? 2 : 1;
                    if (score > rank) {
                        row = r;
                        rank = score;
                    }
                }
                scenario->editRate(std::max(row, 0));
            }
        }
    } else if (parser.isSet(dialogOption)) {
        const QString dialog = parser.value(dialogOption);
        window.showView("data");
        shardscape::DataView* data = window.dataView();
        data->itemView()->selectRow(0);
        if (dialog == "item-editor") {
            if (!data->editItem(0)) data->newItem();
        } else if (dialog == "import") {
            data->startImport();
        } else if (dialog == "export") {
            data->startExport();
        } else if (dialog == "sample-data") {
            window.generateSampleData();
        } else {
            std::fprintf(stderr, "shardscape: unknown dialog '%s'\n", qPrintable(dialog));
            return 2;
        }
    }

    // With --model, the model's tables and data go into the engine too; the screenshot waits
    // until they are there.
    const bool withModel = parser.isSet(modelOption);
    int modelStatus = 0;
    if (withModel) {
        QObject::connect(&window, &shardscape::MainWindow::modelFailed, &app,
                         [&](const QString& message) {
                             std::fprintf(stderr, "shardscape: cannot open the model: %s\n",
                                          qPrintable(message));
                             modelStatus = 1;
                         });
        window.openModel(parser.value(modelOption));
    }

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        int status = 0;
        auto take = [&] {
            if (modelStatus != 0) {
                app.exit(modelStatus);
                return;
            }
            const QString view = parser.isSet(viewOption) ? parser.value(viewOption)
                                 : designerDialog         ? "designer"
                                                          : "tables";
            if (view == "classroom") {
                // The presenter's view: large fonts, the demonstration at its last step.
                window.resize(1600, 1000);
                window.showClassroomDemo();
            }
            window.prepareView(view, parser.value(modelOption), [&](const QString& error) {
                if (!error.isEmpty()) {
                    std::fprintf(stderr, "shardscape: %s\n", qPrintable(error));
                    status = 1;
                    app.exit(status);
                    return;
                }
                // Let layouts settle after the view changed before grabbing.
                QTimer::singleShot(300, &app, [&] {
                    if (!shardscape::grabWindowWithDialogs(&window).save(file, "PNG")) {
                        std::fprintf(stderr, "shardscape: cannot write screenshot %s\n",
                                     qPrintable(file));
                        status = 1;
                    }
                    app.exit(status);
                });
            });
        };
        if (withModel) {
            QObject::connect(&window, &shardscape::MainWindow::modelOpened, &app, take);
            QObject::connect(&window, &shardscape::MainWindow::modelFailed, &app, take);
        } else {
            QTimer::singleShot(0, &app, take);
        }
        app.exec();
        return status != 0 ? status : modelStatus;
    }
    return app.exec();
}
