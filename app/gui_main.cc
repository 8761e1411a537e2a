// shardscape: the desktop workbench.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>
#include <cstdio>

#include "bundled_data.h"
#include "data_directory.h"
#include "engine.h"
#include "main_window.h"

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
        "The view to show first: tables, data, query, simulation, heatmap, capacity, compare or "
        "classroom.",
        "VIEW");
    QCommandLineOption modelOption(
        "model",
        "Open the model FILE (*.shardscape.json) first; the simulation views run its first "
        "scenario.",
        "FILE");
    parser.addOptions({dataOption, screenshotOption, listBundledOption, viewOption, modelOption});
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
    } else {
        openError = QString::fromStdString(opened.error().message);
    }

    shardscape::MainWindow window(engine, dataDirectory, openError);
    window.setBundledDirectory(bundled);
    // First start (or an empty data directory): offer the bundled examples.
    if (!engine || engine->tableNames().empty()) window.showWelcome(bundled);
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        std::fprintf(stderr,
                     "shardscape: unknown view '%s' (tables, data, query, simulation, heatmap, "
                     "capacity, compare, classroom)\n",
                     qPrintable(parser.value(viewOption)));
        return 2;
    }
    window.show();

    // With --model, the screenshot waits until the model is open.
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
                    if (!window.grab().save(file, "PNG")) {
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
