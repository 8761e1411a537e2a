// shardscape: the desktop workbench.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTableView>
#include <QTimer>
#include <cstdio>

#include "backend/local_backend.h"
#include "bundled_data.h"
#include "data_directory.h"
#include "data_view.h"
#include "designer_workbench.h"
#include "main_window.h"
#include "screenshot.h"
#include "storage/engine.h"
#include "theme.h"

int main(int argc, char* argv[]) {
    QApplication app(argc, argv);
    QApplication::setApplicationName("shardscape");
    QApplication::setApplicationDisplayName("Shardscape");
    QApplication::setApplicationVersion(SHARDSCAPE_VERSION);

    QCommandLineParser parser;
    parser.setApplicationDescription("Shardscape — a workbench for DynamoDB data modeling.");
    parser.addHelpOption();
    parser.addVersionOption();
    QCommandLineOption dataOption("data", "Engine data directory (default: %1).", "DIR");
    dataOption.setDescription(dataOption.description().arg(shardscape::defaultDataDirectory()));
    QCommandLineOption screenshotOption("screenshot", "Render the window to FILE.png and exit.",
                                        "FILE");
    QCommandLineOption listBundledOption(
        "list-bundled", "Print the bundled example models and scenarios (full paths) and exit.");
    QCommandLineOption viewOption(
        "view",
        "The view to show first: tables, data, query, designer, simulation, heatmap, capacity, "
        "compare, classroom, live or streams.",
        "VIEW");
    QCommandLineOption modelOption(
        "model",
        "Open the model FILE (*.shardscape.json) in the designer and the engine; the simulation "
        "views run its first scenario.",
        "FILE");
    QCommandLineOption dialogOption(
        "dialog", "Open a dialog over the Data view: item-editor, import, export or sample-data.",
        "DIALOG");
    QCommandLineOption themeOption(
        "theme", "system, light or dark for this run (View > Theme remembers a choice).", "THEME");
    parser.addOptions({dataOption, screenshotOption, listBundledOption, viewOption, modelOption,
                       dialogOption, themeOption});
    parser.process(app);

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
    if ((!engine || engine->tableNames().empty()) && !parser.isSet(modelOption) &&
        !(parser.isSet(screenshotOption) && parser.value(viewOption) == "designer"))
        window.showWelcome(bundled);
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        std::fprintf(stderr,
                     "shardscape: unknown view '%s' (tables, data, query, designer, simulation, "
                     "heatmap, capacity, compare, classroom, live, streams)\n",
                     qPrintable(parser.value(viewOption)));
        return 2;
    }
    // The designer shows the model given, or for a screenshot of it, the first bundled one.
    QString model = parser.value(modelOption);
    if (model.isEmpty() && parser.isSet(screenshotOption) && parser.value(viewOption) == "designer")
        model = QDir(bundled + "/models").absoluteFilePath("ecommerce.shardscape.json");
    if (!model.isEmpty()) {
        window.designer()->setErrorReporter([](const QString& message) {
            std::fprintf(stderr, "shardscape: %s\n", qPrintable(message));
        });
        if (!window.designer()->openFile(model)) return 1;
    }
    // The designer needs room: its screenshot is taken at a typical desktop size.
    if (parser.isSet(screenshotOption) && parser.value(viewOption) == "designer")
        window.resize(1480, 920);
    window.show();
    if (parser.isSet(dialogOption)) {
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
            const QString view = parser.isSet(viewOption) ? parser.value(viewOption) : "tables";
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
