// shardscape: the desktop workbench.
#include <QApplication>
#include <QCommandLineParser>
#include <QTimer>
#include <cstdio>

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
    parser.addOptions({dataOption, screenshotOption});
    parser.process(app);

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
