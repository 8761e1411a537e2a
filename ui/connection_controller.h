#pragma once
// Remote connections in the main window: the Connection menu (Connections…, Use local engine,
// Import schema into model…, Sample items into local engine…) and a connection selector in
// a toolbar. Choosing a saved connection connects and lists its tables off the GUI thread,
// then makes it the current backend of the window's TableListModel, which every view reads;
// "Local engine" makes the local backend current again.

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
class TableListModel;

class ConnectionController : public QObject {
    Q_OBJECT
  public:
    // `tables` is the window's table list, whose backend the controller switches; `local` is
    // the local backend (may be null: no engine), current at first and the target of
    // sampling. `tableTree` shows the tables (its current row is the table asked about
    // first). `settings` keeps the saved profiles (null: the application's QSettings).
    ConnectionController(QMainWindow* window, TableListModel* tables,
                         std::shared_ptr<Backend> local, QTreeWidget* tableTree,
                         QSettings* settings = nullptr);
    ~ConnectionController() override;

    // The AWS environment profiles resolve against (tests give a temporary HOME).
    void setEnvironment(AwsEnvironment environment) { environment_ = std::move(environment); }
    const AwsEnvironment& environment() const { return environment_; }
    const std::vector<ConnectionProfile>& profiles() const { return profiles_; }
    void setProfiles(std::vector<ConnectionProfile> profiles);

    // Opens the Connections dialog (modal); connects when the user chooses Connect.
    void openConnectionsDialog();
    // Connects to profile `index` of profiles(): lists its tables off the GUI thread, then
    // `connected` or `connectionFailed` fires.
    void connectTo(int index);
    void useLocal();
    // Whether the current backend is a remote connection (not the local backend).
    bool isRemote() const;

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
    // Follows the current backend: the selector, the actions and the status label.
    void backendChanged();
    QString currentTable() const;
    // Asks which remote table, under `title`; "" when there is none or the user cancels.
    QString askRemoteTable(const QString& title) const;
    void askImportSchema();
    void askSample();

    QMainWindow* window_;
    TableListModel* tables_;
    std::shared_ptr<Backend> local_;
    QTreeWidget* tableTree_;
    QSettings* settings_;
    std::unique_ptr<QSettings> ownSettings_;
    AwsEnvironment environment_;
    std::vector<ConnectionProfile> profiles_;
    int remoteIndex_ = -1;
    quint64 generation_ = 0;
    std::shared_ptr<std::atomic<bool>> cancelFlag_;
    QComboBox* selector_ = nullptr;
    QLabel* status_ = nullptr;
    QAction* importAction_ = nullptr;
    QAction* sampleAction_ = nullptr;
};

}  // namespace shardscape
