#include "connection_controller.h"

#include <QComboBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QFutureWatcher>
#include <QHeaderView>
#include <QInputDialog>
#include <QLabel>
#include <QLocale>
#include <QMainWindow>
#include <QMenuBar>
#include <QSettings>
#include <QStatusBar>
#include <QToolBar>
#include <QTreeWidget>
#include <QtConcurrent/QtConcurrent>

#include "backend/remote_backend.h"
#include "backend/table_sampler.h"
#include "connections_dialog.h"
#include "menu_placement.h"
#include "model/model_file.h"
#include "model/table_schema_import.h"
#include "remote/connection_store.h"
#include "table_list_model.h"

namespace shardscape {

namespace {

// A remote backend and its tables, as connecting lists them off the GUI thread.
struct Connection {
    std::shared_ptr<Backend> backend;
    std::shared_ptr<const BackendTables> tables;
};

}  // namespace

ConnectionController::ConnectionController(QMainWindow* window, TableListModel* tables,
                                           std::shared_ptr<Backend> local, QTreeWidget* tableTree,
                                           QSettings* settings)
    : QObject(window),
      window_(window),
      tables_(tables),
      local_(std::move(local)),
      tableTree_(tableTree),
      settings_(settings),
      environment_(AwsEnvironment::fromProcess()) {
    if (!settings_) {
        ownSettings_ = std::make_unique<QSettings>("shardscape", "shardscape");
        settings_ = ownSettings_.get();
    }
    profiles_ = loadConnectionProfiles(*settings_);

    auto* menu = addMenuBeforeHelp(window->menuBar(), tr("&Connection"));
    menu->setObjectName("connectionMenu");
    menu->addAction(tr("&Connections…"), this, &ConnectionController::openConnectionsDialog)
        ->setObjectName("openConnections");
    menu->addAction(tr("Use &local engine"), this, &ConnectionController::useLocal)
        ->setObjectName("useLocal");
    menu->addSeparator();
    importAction_ = menu->addAction(tr("&Import schema into model…"), this,
                                    &ConnectionController::askImportSchema);
    importAction_->setObjectName("importSchema");
    sampleAction_ = menu->addAction(tr("&Sample items into local engine…"), this,
                                    &ConnectionController::askSample);
    sampleAction_->setObjectName("sampleItems");

    auto* bar = window->addToolBar(tr("Connection"));
    bar->setObjectName("connectionToolBar");
    bar->addWidget(new QLabel(tr(" Connection: "), bar));
    selector_ = new QComboBox(bar);
    selector_->setObjectName("connectionSelector");
    selector_->setMinimumContentsLength(20);
    bar->addWidget(selector_);
    status_ = new QLabel(window);
    status_->setObjectName("connectionStatus");
    window->statusBar()->addPermanentWidget(status_);
    connect(selector_, &QComboBox::activated, this, [this](int row) {
        if (row <= 0)
            useLocal();
        else
            connectTo(row - 1);
    });
    connect(tables_, &TableListModel::backendChanged, this, &ConnectionController::backendChanged);
    backendChanged();
}

ConnectionController::~ConnectionController() {
    cancelWork();
}

void ConnectionController::setProfiles(std::vector<ConnectionProfile> profiles) {
    profiles_ = std::move(profiles);
    saveConnectionProfiles(*settings_, profiles_);
    reloadSelector();
}

void ConnectionController::reloadSelector() {
    QSignalBlocker block(selector_);
    selector_->clear();
    selector_->addItem(tr("Local engine"));
    for (const auto& profile : profiles_) selector_->addItem(QString::fromStdString(profile.name));
    selector_->setCurrentIndex(isRemote() && remoteIndex_ >= 0 ? remoteIndex_ + 1 : 0);
}

bool ConnectionController::isRemote() const {
    return tables_->backend() != local_;
}

void ConnectionController::openConnectionsDialog() {
    ConnectionsDialog dialog(profiles_, settings_, environment_, window_);
    const bool accepted = dialog.exec() == QDialog::Accepted;
    profiles_ = dialog.profiles();
    reloadSelector();
    if (accepted && dialog.chosenIndex() >= 0) connectTo(dialog.chosenIndex());
}

void ConnectionController::connectTo(int index) {
    if (index < 0 || index >= static_cast<int>(profiles_.size())) return;
    const ConnectionProfile profile = profiles_[static_cast<size_t>(index)];
    const quint64 generation = ++generation_;
    status_->setText(tr("Connecting to %1…").arg(QString::fromStdString(profile.name)));
    auto* watcher = new QFutureWatcher<Result<Connection>>(this);
    connect(watcher, &QFutureWatcher<Result<Connection>>::finished, this,
            [this, watcher, generation, index] {
                Result<Connection> result = watcher->result();
                watcher->deleteLater();
                if (generation != generation_) return;  // superseded
                if (!result) {
                    const QString message = QString::fromStdString(result.error().name() + ": " +
                                                                   result.error().message);
                    window_->statusBar()->showMessage(message, 15000);
                    backendChanged();  // back to what is current
                    emit connectionFailed(message);
                    return;
                }
                remoteIndex_ = index;
                tables_->setBackend(result->backend, result->tables);
                emit connected(QString::fromStdString(result->backend->description()));
            });
    const AwsEnvironment environment = environment_;
    watcher->setFuture(QtConcurrent::run([profile, environment]() -> Result<Connection> {
        auto backend = RemoteBackend::connect(profile, environment);
        if (!backend) return backend.error();
        auto tables = (*backend)->listTables();
        if (!tables) return tables.error();
        return Connection{*backend,
                          std::make_shared<const BackendTables>(std::move(tables).value())};
    }));
}

void ConnectionController::useLocal() {
    ++generation_;
    const bool wasRemote = isRemote();
    remoteIndex_ = -1;
    if (!wasRemote) {
        backendChanged();
        return;
    }
    tables_->setBackend(local_);
    emit disconnected();
}

void ConnectionController::backendChanged() {
    const bool remote = isRemote();
    reloadSelector();
    importAction_->setEnabled(remote);
    sampleAction_->setEnabled(remote && local_ != nullptr);
    status_->setText(
        remote ? tr("Remote: %1").arg(QString::fromStdString(tables_->backend()->description()))
               : QString());
    status_->setVisible(remote);
}

QString ConnectionController::currentTable() const {
    if (auto* item = tableTree_->currentItem()) return item->text(0);
    return tables_->names().value(0);
}

QString ConnectionController::askRemoteTable(const QString& title) const {
    if (!isRemote()) return {};
    const QStringList names = tables_->names();
    if (names.isEmpty()) return {};
    bool ok = false;
    const QString table = QInputDialog::getItem(
        window_, title, tr("Remote table:"), names,
        std::max(0, static_cast<int>(names.indexOf(currentTable()))), false, &ok);
    return ok ? table : QString();
}

void ConnectionController::askImportSchema() {
    const QString table = askRemoteTable(tr("Import schema into model"));
    if (table.isEmpty()) return;
    const QString path = QFileDialog::getSaveFileName(
        window_, tr("Add the table to model"), table + ".shardscape.json",
        tr("Shardscape models (*.shardscape.json);;JSON (*.json)"), nullptr,
        QFileDialog::DontConfirmOverwrite);
    if (!path.isEmpty()) importSchema(table, path);
}

void ConnectionController::askSample() {
    const QString table = askRemoteTable(tr("Sample items into local engine"));
    if (table.isEmpty()) return;
    bool ok = false;
    const int count = QInputDialog::getInt(window_, tr("Sample items into local engine"),
                                           tr("Items to copy:"), 100, 1, 10'000'000, 100, &ok);
    if (ok) sampleIntoLocal(table, count);
}

void ConnectionController::importSchema(const QString& table, const QString& modelPath) {
    if (!isRemote()) {
        emit finishedWork(false, tr("Not connected to a remote endpoint"));
        return;
    }
    auto* watcher = new QFutureWatcher<Result<QString>>(this);
    connect(watcher, &QFutureWatcher<Result<QString>>::finished, this, [this, watcher] {
        const Result<QString> result = watcher->result();
        watcher->deleteLater();
        const QString message = result ? *result : QString::fromStdString(result.error().message);
        window_->statusBar()->showMessage(message, 15000);
        emit finishedWork(result.ok(), message);
    });
    std::shared_ptr<Backend> backend = tables_->backend();
    watcher->setFuture(QtConcurrent::run([backend, table, modelPath]() -> Result<QString> {
        auto description = describeTable(*backend, table.toStdString());
        if (!description) return description.error();
        auto definition = tableDefinitionFromDescription(*description);
        if (!definition) return definition.error();
        Model model;
        if (QFileInfo::exists(modelPath)) {
            auto loaded = loadModel(modelPath.toStdString());
            if (!loaded) return loaded.error();
            model = std::move(loaded).value();
        } else {
            model.name = QFileInfo(modelPath).fileName().section('.', 0, 0).toStdString();
        }
        const bool replaced = putModelTable(model, modelTableFromDefinition(*definition));
        Status saved = saveModel(model, modelPath.toStdString());
        if (!saved) return saved.error();
        return (replaced ? QObject::tr("Replaced table %1 in %2")
                         : QObject::tr("Added table %1 to %2"))
            .arg(table, modelPath);
    }));
}

void ConnectionController::sampleIntoLocal(const QString& table, qint64 count) {
    if (!isRemote() || !local_) {
        emit finishedWork(false, tr("Not connected to a remote endpoint"));
        return;
    }
    cancelWork();
    cancelFlag_ = std::make_shared<std::atomic<bool>>(false);
    auto cancel = cancelFlag_;
    auto* watcher = new QFutureWatcher<Result<SampleResult>>(this);
    connect(watcher, &QFutureWatcher<Result<SampleResult>>::progressValueChanged, this,
            [this](int copied) {
                window_->statusBar()->showMessage(
                    tr("Sampling: %1 items copied…").arg(QLocale().toString(copied)));
            });
    connect(watcher, &QFutureWatcher<Result<SampleResult>>::finished, this, [this, watcher, table] {
        const Result<SampleResult> result = watcher->result();
        watcher->deleteLater();
        QString message;
        if (!result)
            message = QString::fromStdString(result.error().message);
        else
            message = tr("Copied %1 item(s) of %2 into the local engine%3%4")
                          .arg(result->copied)
                          .arg(table)
                          .arg(result->createdTable ? tr(" (table created)") : QString())
                          .arg(result->cancelled ? tr("; cancelled") : QString());
        window_->statusBar()->showMessage(message, 15000);
        emit finishedWork(result.ok(), message);
    });
    std::shared_ptr<Backend> backend = tables_->backend();
    std::shared_ptr<Backend> local = local_;
    watcher->setFuture(QtConcurrent::run(
        [backend, local, table, count, cancel](QPromise<Result<SampleResult>>& promise) {
            promise.setProgressRange(0, static_cast<int>(std::min<qint64>(count, INT_MAX)));
            auto result =
                sampleTable(*backend, *local, table.toStdString(), count, [&](int64_t copied) {
                    promise.setProgressValue(static_cast<int>(copied));
                    return !*cancel;
                });
            promise.addResult(std::move(result));
        }));
}

}  // namespace shardscape
