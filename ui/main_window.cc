#include "main_window.h"

#include <QAction>
#include <QApplication>
#include <QComboBox>
#include <QDockWidget>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QMenuBar>
#include <QMessageBox>
#include <QStatusBar>
#include <QTabWidget>
#include <QTimer>
#include <QTreeWidget>
#include <QVBoxLayout>
#include <QtConcurrent/QtConcurrent>

#include "backend/backend.h"
#include "classroom_view.h"
#include "compare_view.h"
#include "connection_controller.h"
#include "data_view.h"
#include "design_document.h"
#include "designer_view.h"
#include "designer_workbench.h"
#include "live_capacity_view.h"
#include "model/model_engine.h"
#include "model/model_file.h"
#include "partiql_editor.h"
#include "presenter_mode.h"
#include "query_panel.h"
#include "scenario_gallery_panel.h"
#include "server_controller.h"
#include "simulation_panel.h"
#include "stream_view.h"
#include "table_list_model.h"
#include "welcome_panel.h"

namespace shardscape {

namespace {

// The name of `table`'s partition key and its string value in the table's first item; nullopt
// when the table is empty or that key is not a string.
std::optional<std::pair<std::string, std::string>> firstItemPartitionKey(Backend& backend,
                                                                         const std::string& table) {
    const auto described = backend.call("DescribeTable", Json{{"TableName", table}});
    const auto scanned = backend.call("Scan", Json{{"TableName", table}, {"Limit", 1}});
    if (!described || !scanned || (*scanned)["Items"].empty()) return std::nullopt;
    const std::string key = (*described)["Table"]["KeySchema"][0]["AttributeName"];
    const Json& value = (*scanned)["Items"][0][key];
    if (!value.is_object() || value.empty() || !value.begin()->is_string()) return std::nullopt;
    return std::make_pair(key, value.begin()->get<std::string>());
}

QString keyText(const std::optional<KeyAttribute>& key) {
    if (!key) return {};
    return QString::fromStdString(key->name) + " (" +
           QString::fromUtf8(valueTypeName(key->type).data(), 1) + ")";
}

qint64 integer(const Json& object, const char* member) {
    return object.is_object() && object.contains(member) && object[member].is_number_integer()
               ? object[member].get<qint64>()
               : 0;
}

}  // namespace

MainWindow::MainWindow(std::shared_ptr<Backend> local, const QString& dataDirectory,
                       const QString& openError, QWidget* parent)
    : QMainWindow(parent), local_(std::move(local)) {
    setWindowTitle(tr("Shardscape — %1").arg(dataDirectory));
    resize(1000, 640);
    tables_ = new TableListModel(local_, this);

    auto* central = new QWidget(this);
    auto* layout = new QVBoxLayout(central);
    auto* heading =
        new QLabel(tr("<b>Tables</b> in %1").arg(dataDirectory.toHtmlEscaped()), central);
    layout->addWidget(heading);
    tableTree_ = new QTreeWidget(central);
    tableTree_->setObjectName("tableTree");
    tableTree_->setHeaderLabels(
        {tr("Table"), tr("Partition key"), tr("Sort key"), tr("Billing"), tr("Items"), tr("Size")});
    tableTree_->setRootIsDecorated(false);
    tableTree_->setAlternatingRowColors(true);
    tableTree_->header()->setSectionResizeMode(QHeaderView::ResizeToContents);
    // The name column takes the spare width so the figures sit together on the right.
    tableTree_->header()->setStretchLastSection(false);
    tableTree_->header()->setSectionResizeMode(0, QHeaderView::Stretch);
    layout->addWidget(tableTree_);
    views_ = new QTabWidget(this);
    views_->setObjectName("views");
    views_->addTab(central, tr("Tables"));
    data_ = new DataView(tables_, views_);
    views_->addTab(data_, tr("Data"));
    query_ = new QueryPanel(tables_, views_);
    views_->addTab(query_, tr("Query"));
    // Writes from the query builder change the figures and the data.
    connect(query_, &QueryPanel::finished, this, &MainWindow::refresh);
    classroom_ = new ClassroomView(tables_, views_);
    classroom_->setProperty("viewName", "classroom");
    views_->addTab(classroom_, tr("Classroom"));
    simulation_ = new SimulationPanel(views_);
    views_->addTab(simulation_, tr("Simulation"));
    compare_ = new CompareView(views_);
    views_->addTab(compare_, tr("Compare"));
    live_ = new LiveCapacityView(tables_, views_);
    live_->setProperty("viewName", "live");
    views_->addTab(live_, tr("Live"));
    streams_ = new StreamView(tables_, views_);
    streams_->setProperty("viewName", "streams");
    views_->addTab(streams_, tr("Streams"));
    // The classroom's scenario gallery runs its scenarios in the simulation view.
    connect(classroom_->galleryPanel(), &ScenarioGalleryPanel::scenarioChosen, this,
            [this](const QString& path) {
                showView("heatmap");
                if (simulation_->chooseScenarioFile(path)) simulation_->run();
            });
    connect(classroom_->galleryPanel(), &ScenarioGalleryPanel::modelScenarioChosen, this,
            [this](const QString& modelPath, const QString& scenarioName) {
                if (const QString error = simulation_->loadModelFile(modelPath); !error.isEmpty()) {
                    statusBar()->showMessage(error);
                    return;
                }
                const int index = static_cast<int>(
                    simulation_->sources().indexOf(tr("Model scenario: %1").arg(scenarioName)));
                showView("heatmap");
                if (index >= 0 && simulation_->chooseSource(index)) simulation_->run();
            });
    setCentralWidget(views_);

    auto* fileMenu = menuBar()->addMenu(tr("&File"));
    fileMenu->addAction(tr("&Refresh"), QKeySequence::Refresh, this, &MainWindow::refresh);
    fileMenu->addSeparator();
    fileMenu->addAction(tr("&Quit"), QKeySequence::Quit, qApp, &QApplication::quit);
    presenter_ = new PresenterMode(this, this);
    // In the View menu (addDataTools); also a window action so F11 works from anywhere.
    classroomAction_ = new QAction(tr("&Classroom mode"), this);
    addAction(classroomAction_);
    classroomAction_->setObjectName("classroomModeAction");
    classroomAction_->setCheckable(true);
    classroomAction_->setShortcut(QKeySequence(Qt::Key_F11));
    classroomAction_->setToolTip(tr("Large fonts and high contrast, for presenting"));
    connect(classroomAction_, &QAction::toggled, presenter_, &PresenterMode::setOn);
    connect(presenter_, &PresenterMode::toggled, classroomAction_, &QAction::setChecked);
    designer_ = new DesignerWorkbench(this, views_, fileMenu);
    // A scenario saved in the designer's model runs in the Simulation view in one click.
    connect(designer_->view(), &DesignerView::runScenarioRequested, this,
            [this](const QString& scenario) {
                simulation_->setModel(designer_->document()->model());
                const int index = static_cast<int>(
                    simulation_->sources().indexOf(tr("Model scenario: %1").arg(scenario)));
                showView("simulation");
                if (index >= 0 && simulation_->chooseSource(index)) simulation_->run();
            });
    auto* helpMenu = menuBar()->addMenu(tr("&Help"));
    helpMenu->addAction(tr("&About Shardscape"), this, [this] {
        QMessageBox::about(this, tr("About Shardscape"),
                           tr("<b>Shardscape %1</b><br>A workbench for DynamoDB data modeling.")
                               .arg(QApplication::applicationVersion()));
    });

    statusFigures_ = new QLabel(this);
    statusFigures_->setObjectName("statusFigures");
    statusBar()->addPermanentWidget(statusFigures_);
    backgroundStatus_ = new QLabel(this);
    backgroundStatus_->setObjectName("backgroundStatus");
    backgroundStatus_->setVisible(false);
    statusBar()->addWidget(backgroundStatus_);
    if (local_) {
        auto* poll = new QTimer(this);
        connect(poll, &QTimer::timeout, this, &MainWindow::checkBackgroundWork);
        poll->start(2000);
    }
    addDataTools();
    if (!openError.isEmpty()) {
        heading->setText(
            tr("<b>Could not open the data directory:</b> %1").arg(openError.toHtmlEscaped()));
        heading->setWordWrap(true);
    }
    statusFigures_->setObjectName("statusFigures");
    connections_ = new ConnectionController(this, tables_, local_, tableTree_);
    server_ = new ServerController(this, local_);
    connect(tables_, &TableListModel::tablesChanged, this, &MainWindow::showTables);
    connect(tables_, &TableListModel::loadFailed, this,
            [this](const QString& message) { statusBar()->showMessage(message, 15000); });
    refresh();
}

void MainWindow::refresh() {
    tables_->reload();
}

void MainWindow::showTables() {
    tableTree_->clear();
    if (!tables_->backend()) {
        statusFigures_->setText(tr("No engine"));
        return;
    }
    const BackendTables& listed = tables_->tables();
    qint64 totalItems = 0, totalBytes = 0;
    for (size_t i = 0; i < listed.tables.size(); ++i) {
        const TableDefinition& table = *listed.tables[i];
        const qint64 items = integer(listed.descriptions[i], "ItemCount");
        const qint64 bytes = integer(listed.descriptions[i], "TableSizeBytes");
        auto* row = new QTreeWidgetItem(tableTree_);
        row->setText(0, QString::fromStdString(table.name));
        row->setText(1, keyText(table.partitionKey));
        row->setText(2, keyText(table.sortKey));
        row->setText(
            3,
            table.billingMode == BillingMode::PayPerRequest
                ? tr("On-demand")
                : tr("%1 RCU / %2 WCU").arg(table.readCapacityUnits).arg(table.writeCapacityUnits));
        row->setText(4, QLocale().toString(items));
        row->setText(5, QLocale().formattedDataSize(bytes));
        row->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        row->setTextAlignment(5, Qt::AlignRight | Qt::AlignVCenter);
        // A table CREATING, UPDATING or DELETING (an endpoint that makes the states last) is
        // shown in italics, its status in the tooltip; the name cell stays the bare name.
        const Json& description = listed.descriptions[i];
        const std::string status = description.is_object() && description.contains("TableStatus") &&
                                           description["TableStatus"].is_string()
                                       ? description["TableStatus"].get<std::string>()
                                       : std::string("ACTIVE");
        if (status != "ACTIVE") {
            QFont font = row->font(0);
            font.setItalic(true);
            for (int column = 0; column < tableTree_->columnCount(); ++column) {
                row->setFont(column, font);
                row->setToolTip(column, tr("Table status: %1").arg(QString::fromStdString(status)));
            }
        }
        totalItems += items;
        totalBytes += bytes;
    }
    const int count = static_cast<int>(listed.tables.size());
    // A remote's tables are marked as such: the window's heading names the local directory.
    statusFigures_->setText((tables_->backend() == local_
                                 ? tr("%n table(s)", nullptr, count)
                                 : tr("%n remote table(s)", nullptr, count)) +
                            " · " + tr("%1 items").arg(QLocale().toString(totalItems)) + " · " +
                            QLocale().formattedDataSize(totalBytes));
}

void MainWindow::checkBackgroundWork() {
    if (!local_) return;
    const BackgroundWorkReport work = local_->backgroundWork();
    if (work.failureCount != backgroundFailuresSeen_) {
        backgroundFailuresSeen_ = work.failureCount;
        refresh();  // an index whose backfill failed says so in the data view
    }
    if (work.storageFailure && !storageFailureShown_) {
        storageFailureShown_ = true;
        auto* dialog = new QMessageBox(QMessageBox::Critical, tr("Storage error"),
                                       tr("Shardscape stopped writing to the data directory %1.")
                                           .arg(QString::fromStdString(work.dataDirectory)),
                                       QMessageBox::Ok, this);
        dialog->setObjectName("storageFailureDialog");
        dialog->setInformativeText(QString::fromStdString(*work.storageFailure));
        dialog->setAttribute(Qt::WA_DeleteOnClose);
        dialog->open();  // not modal to the loop: the poll timer and the views go on
    }
    QStringList all;  // the status bar shows the last: a storage failure outranks the rest
    for (const std::string& failure : work.failures) all << QString::fromStdString(failure);
    if (work.storageFailure) all << QString::fromStdString(*work.storageFailure);
    backgroundStatus_->setVisible(!all.isEmpty());
    if (all.isEmpty()) return;
    backgroundStatus_->setText(tr("⚠ %1").arg(all.back()));
    backgroundStatus_->setToolTip(all.join('\n'));
}

bool MainWindow::showView(const QString& name) {
    if (name == "designer") {
        views_->setCurrentWidget(designer_->view());
        return true;
    }
    if (name == "partiql") {
        views_->setCurrentWidget(query_);
        query_->operationBox()->setCurrentText("PartiQL");
        return true;
    }
    const QStringList names = {"tables", "data", "query"};
    const int index = static_cast<int>(names.indexOf(name));
    if (index >= 0) {
        views_->setCurrentIndex(index);
        return true;
    }
    if (name == "simulation" || name == "heatmap" || name == "capacity") {
        views_->setCurrentWidget(simulation_);
        simulation_->showPage(name);
        return true;
    }
    if (name == "compare") {
        views_->setCurrentWidget(compare_);
        return true;
    }
    // Views that name themselves (property "viewName").
    for (int i = 0; i < views_->count(); ++i)
        if (views_->widget(i)->property("viewName").toString() == name) {
            views_->setCurrentIndex(i);
            return true;
        }
    return false;
}

void MainWindow::setBundledDirectory(const QString& directory) {
    simulation_->setBundledDirectory(directory);
    compare_->setBundledDirectory(directory);
    classroom_->setBundledDirectory(directory);
}

void MainWindow::prepareView(const QString& name, const QString& modelPath,
                             std::function<void(const QString& error)> ready) {
    if (!showView(name)) return ready(tr("unknown view '%1'").arg(name));
    if (name == "simulation" || name == "heatmap" || name == "capacity") {
        if (!modelPath.isEmpty()) {
            const QString error = simulation_->loadModelFile(modelPath);
            if (!error.isEmpty()) return ready(error);
        }
        simulation_->chooseDefaultSource();
        auto* context = new QObject(this);
        connect(simulation_, &SimulationPanel::finished, context, [this, context, ready] {
            context->deleteLater();
            // Once the results' layouts have settled.
            QTimer::singleShot(0, this, [ready] { ready({}); });
        });
        connect(simulation_, &SimulationPanel::failed, context,
                [context, ready](const QString& error) {
                    context->deleteLater();
                    ready(error);
                });
        simulation_->run();
        return;
    }
    if (name == "compare") {
        auto* context = new QObject(this);
        connect(compare_, &CompareView::compared, context, [this, context, ready] {
            context->deleteLater();
            QTimer::singleShot(0, this, [ready] { ready({}); });
        });
        connect(compare_, &CompareView::failed, context, [context, ready](const QString& error) {
            context->deleteLater();
            ready(error);
        });
        compare_->run();
        return;
    }
    if ((name == "query" || name == "partiql") && tables_->capabilities().immediate &&
        query_->tableBox()->count() > 0) {
        // A picture of the query builder shows a query that ran on the partition of the
        // table's first item; one of the PartiQL mode a statement that ran as a Scan, with its
        // warning: the items whose partition key starts as the first item's does.
        query_->reloadTables();
        const std::string table = query_->tableBox()->currentText().toStdString();
        if (auto first = firstItemPartitionKey(*tables_->backend(), table)) {
            const auto& [key, value] = *first;
            if (name == "query") {
                query_->operationBox()->setCurrentText("Query");
                query_->partitionKeyEdit()->setText(QString::fromStdString(value));
            } else {
                query_->statementEdit()->setPlainText(QString::fromStdString(
                    "SELECT * FROM \"" + table + "\"\nWHERE begins_with(" + key + ", ?)"));
                query_->parametersEdit()->setText(
                    QString::fromStdString(Json::array({{{"S", value.substr(0, 1)}}}).dump()));
            }
            auto* context = new QObject(this);
            connect(query_, &QueryPanel::finished, context, [context, ready] {
                context->deleteLater();
                ready({});
            });
            query_->run();
            return;
        }
    }
    ready({});
}

bool MainWindow::showClassroomDemo() {
    classroomAction_->setChecked(true);
    // The presenter's screen: the classroom view alone.
    if (welcomeDock_) welcomeDock_->hide();
    showView("classroom");
    return classroom_->showDemo();
}

void MainWindow::showWelcome(const QString& bundledDirectory) {
    if (!welcomeDock_) {
        welcomeDock_ = new QDockWidget(tr("Welcome"), this);
        welcomeDock_->setObjectName("welcomeDock");
        addDockWidget(Qt::RightDockWidgetArea, welcomeDock_);
    }
    welcome_ = new WelcomePanel(bundledDirectory, welcomeDock_);
    // The designer first: if the user cancels its unsaved-changes prompt (or the file does
    // not load), the engine is left as it was.
    connect(welcome_, &WelcomePanel::modelChosen, this, [this](const QString& path) {
        if (designer_->openFile(path)) openModel(path);
    });
    connect(welcome_, &WelcomePanel::scenarioChosen, this, [this](const QString& path) {
        showView("simulation");
        if (simulation_->chooseScenarioFile(path)) simulation_->run();
    });
    welcomeDock_->setWidget(welcome_);
    welcomeDock_->show();
}

void MainWindow::openModel(const QString& path) {
    std::shared_ptr<Backend> backend = tables_->backend();
    if (!backend) {
        emit modelFailed(tr("No engine: the data directory could not be opened"));
        return;
    }
    lastModelPath_ = path;
    statusBar()->showMessage(tr("Opening %1…").arg(QFileInfo(path).fileName()));
    auto* watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [this, watcher, path] {
        const Result<QString> result = watcher->result();
        watcher->deleteLater();
        refresh();
        if (result) {
            // The simulation and compare views learn its scenarios and access patterns.
            if (auto model = loadModel(path.toStdString())) {
                simulation_->setModel(*model);
                compare_->setModel(*model);
            }
            statusBar()->showMessage(*result, 10000);
            emit modelOpened(*result);
        } else {
            const QString message = QString::fromStdString(result.error().message);
            statusBar()->showMessage(message, 10000);
            emit modelFailed(message);
        }
    });
    watcher->setFuture(QtConcurrent::run([backend, path]() -> Result<QString> {
        auto model = loadModel(path.toStdString());
        if (!model) return model.error();
        auto opened = backend->openModel(*model);
        if (!opened) return opened.error();
        return QObject::tr("Opened model %1: %2 table(s) created, %3 sample and %4 generated items")
            .arg(QString::fromStdString(model->name))
            .arg(opened->tables.created.size())
            .arg(opened->sampleItems.written)
            .arg(opened->generatedItems);
    }));
}

}  // namespace shardscape
