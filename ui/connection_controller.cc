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

#include "backend/local_backend.h"
#include "backend/remote_backend.h"
#include "backend/table_sampler.h"
#include "connections_dialog.h"
#include "data_view.h"
#include "menu_placement.h"
#include "model/model_file.h"
#include "model/table_schema_import.h"
#include "query_panel.h"
#include "remote/connection_store.h"
#include "storage/engine.h"

namespace shardscape {

namespace {

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

ConnectionController::ConnectionController(QMainWindow* window, std::shared_ptr<Engine> engine,
                                           QTreeWidget* tables, DataView* data, QueryPanel* query,
                                           QSettings* settings)
    : QObject(window),
      window_(window),
      engine_(std::move(engine)),
      tables_(tables),
      data_(data),
      query_(query),
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
    reloadSelector();
    apply(nullptr);
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
    selector_->setCurrentIndex(remote_ && remoteIndex_ >= 0 ? remoteIndex_ + 1 : 0);
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
    auto* watcher = new QFutureWatcher<Result<BackendTables>>(this);
    connect(watcher, &QFutureWatcher<Result<BackendTables>>::finished, this,
            [this, watcher, generation, index] {
                Result<BackendTables> result = watcher->result();
                watcher->deleteLater();
                if (generation != generation_) return;  // superseded
                if (!result) {
                    const QString message = QString::fromStdString(result.error().name() + ": " +
                                                                   result.error().message);
                    window_->statusBar()->showMessage(message, 15000);
                    apply(remote_);  // unchanged
                    emit connectionFailed(message);
                    return;
                }
                remoteIndex_ = index;
                apply(std::make_shared<const BackendTables>(std::move(result).value()));
                emit connected(QString::fromStdString(remote_->backend->description()));
            });
    const AwsEnvironment environment = environment_;
    watcher->setFuture(QtConcurrent::run([profile, environment]() -> Result<BackendTables> {
        auto backend = RemoteBackend::connect(profile, environment);
        if (!backend) return backend.error();
        return loadBackendTables(*backend);
    }));
}

void ConnectionController::useLocal() {
    ++generation_;
    const bool wasRemote = remote_ != nullptr;
    remoteIndex_ = -1;
    apply(nullptr);
    if (wasRemote) emit disconnected();
}

bool ConnectionController::refreshRemote() {
    if (!remote_) return false;
    const quint64 generation = ++generation_;
    auto* watcher = new QFutureWatcher<Result<BackendTables>>(this);
    connect(watcher, &QFutureWatcher<Result<BackendTables>>::finished, this,
            [this, watcher, generation] {
                Result<BackendTables> result = watcher->result();
                watcher->deleteLater();
                if (generation != generation_) return;
                if (!result) {
                    window_->statusBar()->showMessage(
                        QString::fromStdString(result.error().message), 15000);
                    return;
                }
                apply(std::make_shared<const BackendTables>(std::move(result).value()));
            });
    std::shared_ptr<Backend> backend = remote_->backend;
    watcher->setFuture(QtConcurrent::run([backend] { return loadBackendTables(backend); }));
    return true;
}

void ConnectionController::apply(std::shared_ptr<const BackendTables> remote) {
    const bool changed = remote != remote_;
    remote_ = std::move(remote);
    reloadSelector();
    importAction_->setEnabled(remote_ != nullptr);
    sampleAction_->setEnabled(remote_ != nullptr && engine_ != nullptr);
    status_->setText(
        remote_ ? tr("Remote: %1").arg(QString::fromStdString(remote_->backend->description()))
                : QString());
    status_->setVisible(remote_ != nullptr);
    if (!changed) return;
    if (remote_) fillTableTree();
    data_->setBackend(remote_);
    query_->setBackend(remote_);
}

void ConnectionController::fillTableTree() {
    tables_->clear();
    qint64 items = 0, bytes = 0;
    for (const Json& description : remote_->descriptions) {
        items += integer(description, "ItemCount");
        bytes += integer(description, "TableSizeBytes");
    }
    // The window's figures (the local engine's until now) sum up the remote tables.
    if (auto* figures = window_->findChild<QLabel*>("statusFigures"))
        figures->setText(
            tr("%n remote table(s)", nullptr, static_cast<int>(remote_->tables.size())) + " · " +
            tr("%1 items").arg(QLocale().toString(items)) + " · " +
            QLocale().formattedDataSize(bytes));
    for (size_t i = 0; i < remote_->tables.size(); ++i) {
        const TableDefinition& table = *remote_->tables[i];
        const Json& description = remote_->descriptions[i];
        auto* row = new QTreeWidgetItem(tables_);
        row->setText(0, QString::fromStdString(table.name));
        row->setText(1, keyText(table.partitionKey));
        row->setText(2, keyText(table.sortKey));
        row->setText(
            3,
            table.billingMode == BillingMode::PayPerRequest
                ? tr("On-demand")
                : tr("%1 RCU / %2 WCU").arg(table.readCapacityUnits).arg(table.writeCapacityUnits));
        row->setText(4, QLocale().toString(integer(description, "ItemCount")));
        row->setText(5, QLocale().formattedDataSize(integer(description, "TableSizeBytes")));
        row->setTextAlignment(4, Qt::AlignRight | Qt::AlignVCenter);
        row->setTextAlignment(5, Qt::AlignRight | Qt::AlignVCenter);
    }
}

QString ConnectionController::currentTable() const {
    if (auto* item = tables_->currentItem()) return item->text(0);
    if (remote_ && !remote_->tables.empty())
        return QString::fromStdString(remote_->tables.front()->name);
    return {};
}

QString ConnectionController::askRemoteTable(const QString& title) const {
    if (!remote_) return {};
    QStringList names;
    for (const auto& table : remote_->tables) names << QString::fromStdString(table->name);
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
    if (!remote_) {
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
    std::shared_ptr<Backend> backend = remote_->backend;
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
    if (!remote_ || !engine_) {
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
    std::shared_ptr<Backend> backend = remote_->backend;
    auto local = std::make_shared<LocalBackend>(engine_);
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
