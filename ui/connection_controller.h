#pragma once
// Remote connections in the main window: the Connection menu (Connections…, Use local engine,
// Import schema into model…, Sample items into local engine…) and a connection selector in
// a toolbar. Choosing a saved connection lists and describes its tables off the GUI thread
// and points the table list, the Data view and the query builder at it; "Local engine"
// points them back.

#include <QObject>
#include <QString>
#include <atomic>
#include <memory>
#include <vector>

#include "backend/backend.h"
#include "remote/connection_profile.h"

class QMainWindow;
class QComboBox;
class QLabel;
class QSettings;
class QTreeWidget;
class QAction;

namespace shardscape {
class Engine;
class DataView;
class QueryPanel;

class ConnectionController : public QObject {
    Q_OBJECT
  public:
    // `settings` keeps the saved profiles (null: the application's QSettings).
    ConnectionController(QMainWindow* window, std::shared_ptr<Engine> engine, QTreeWidget* tables,
                         DataView* data, QueryPanel* query, QSettings* settings = nullptr);
    ~ConnectionController() override;

    // The AWS environment profiles resolve against (tests give a temporary HOME).
    void setEnvironment(AwsEnvironment environment) { environment_ = std::move(environment); }
    const std::vector<ConnectionProfile>& profiles() const { return profiles_; }
    void setProfiles(std::vector<ConnectionProfile> profiles);

    // Opens the Connections dialog (modal); connects when the user chooses Connect.
    void openConnectionsDialog();
    // Connects to profile `index` of profiles(): lists its tables off the GUI thread, then
    // `connected` or `connectionFailed` fires.
    void connectTo(int index);
    void useLocal();
    bool isRemote() const { return remote_ != nullptr; }
    std::shared_ptr<const BackendTables> remote() const { return remote_; }
    // When remote: re-lists the remote tables (off the GUI thread) and returns true.
    bool refreshRemote();

    // Adds `table`'s remote schema to the model file `modelPath` (created if missing), off the
    // GUI thread; `finishedWork` reports the outcome.
    void importSchema(const QString& table, const QString& modelPath);
    // Copies `count` items of the remote `table` into the local engine, off the GUI thread,
    // with progress in the status bar; `cancelWork` stops it.
    void sampleIntoLocal(const QString& table, qint64 count);
    void cancelWork() {
        if (cancelFlag_) *cancelFlag_ = true;
    }

    QComboBox* selector() const { return selector_; }
    QLabel* statusLabel() const { return status_; }

  signals:
    void connected(const QString& description);
    void connectionFailed(const QString& message);
    void disconnected();
    // After importSchema or sampleIntoLocal: whether it worked and what happened.
    void finishedWork(bool ok, const QString& message);

  private:
    void reloadSelector();
    void apply(std::shared_ptr<const BackendTables> remote);
    void fillTableTree();
    QString currentTable() const;
    // Asks which remote table, under `title`; "" when there is none or the user cancels.
    QString askRemoteTable(const QString& title) const;
    void askImportSchema();
    void askSample();

    QMainWindow* window_;
    std::shared_ptr<Engine> engine_;
    QTreeWidget* tables_;
    DataView* data_;
    QueryPanel* query_;
    QSettings* settings_;
    std::unique_ptr<QSettings> ownSettings_;
    AwsEnvironment environment_;
    std::vector<ConnectionProfile> profiles_;
    std::shared_ptr<const BackendTables> remote_;
    int remoteIndex_ = -1;
    quint64 generation_ = 0;
    std::shared_ptr<std::atomic<bool>> cancelFlag_;
    QComboBox* selector_ = nullptr;
    QLabel* status_ = nullptr;
    QAction* importAction_ = nullptr;
    QAction* sampleAction_ = nullptr;
};

}  // namespace shardscape
