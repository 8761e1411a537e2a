// shardscape: the desktop workbench.
#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QTimer>
#include <cstdio>

#include "bundled_data.h"
#include "data_directory.h"
#include "designer_workbench.h"
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
        "view", "The view to show first: tables, data, query or designer.", "VIEW");
    QCommandLineOption modelOption("model", "Open the model FILE in the designer (and the engine).",
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
    // First start (or an empty data directory) without a model to open: offer the bundled
    // examples.
    if ((!engine || engine->tableNames().empty()) && !parser.isSet(modelOption) &&
        !(parser.isSet(screenshotOption) && parser.value(viewOption) == "designer"))
        window.showWelcome(bundled);
    if (parser.isSet(viewOption) && !window.showView(parser.value(viewOption))) {
        std::fprintf(stderr, "shardscape: unknown view '%s' (tables, data, query, designer)\n",
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
        // Opening a model also puts it into the engine, except for a one-shot screenshot.
        if (!parser.isSet(screenshotOption)) window.openModel(model);
    }
    // The designer needs room: its screenshot is taken at a typical desktop size.
    if (parser.isSet(screenshotOption) && parser.value(viewOption) == "designer")
        window.resize(1480, 920);
    window.show();

    if (parser.isSet(screenshotOption)) {
        const QString file = parser.value(screenshotOption);
        int status = 0;
        QTimer::singleShot(0, &app, [&] {
            if (!window.grab().save(file, "PNG")) {
                std::fprintf(stderr, "shardscape: cannot write screenshot %s\n", qPrintable(file));
                status = 1;
            }
            app.exit(status);
        });
        app.exec();
        return status;
    }
    return app.exec();
}
