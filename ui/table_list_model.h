#pragma once
// The workbench's one data source: the current Backend (the local engine or a remote
// endpoint) and its tables as last listed. The main window's table list, the Data view, the
// query builder, live metering, the classroom step-through and the import and export dialogs
// all read their tables here and make their requests through backend(), so switching the
// connection is setBackend() in one place.
//
// reload() lists the tables with Backend::listTables(): at once on a backend whose calls are
// immediate (the embedded engine's catalog is in memory), off the GUI thread otherwise;
// tablesChanged fires when the list is in.

#include <QObject>
#include <QStringList>
#include <memory>

#include "backend/backend.h"

namespace shardscape {

class TableListModel : public QObject {
    Q_OBJECT
  public:
    // `backend` may be null: no data source (the data directory could not be opened).
    explicit TableListModel(std::shared_ptr<Backend> backend, QObject* parent = nullptr);

    const std::shared_ptr<Backend>& backend() const { return backend_; }
    // The backend's capabilities (none without a backend).
    BackendCapabilities capabilities() const;
    // Points everything at `backend`: shows `listed` (its tables, listed by the caller) at
    // once, or reloads when none are given. backendChanged, then tablesChanged, fire.
    void setBackend(std::shared_ptr<Backend> backend,
                    std::shared_ptr<const BackendTables> listed = nullptr);
    // Lists the backend's tables again. A failure keeps the tables shown when the listing ran
    // off the GUI thread (a remote's), and empties them otherwise; loadFailed says why.
    void reload();
    bool isLoading() const { return loading_; }

    const BackendTables& tables() const { return *tables_; }
    std::shared_ptr<const TableDefinition> find(const std::string& name) const;
    std::shared_ptr<const TableDefinition> find(const QString& name) const;
    QStringList names() const;
    // The last listing's error ("" after a successful one).
    QString lastError() const { return error_; }

  signals:
    void backendChanged();
    void tablesChanged();
    void loadFailed(const QString& message);

  private:
    void show(std::shared_ptr<const BackendTables> tables);
    void fail(const Error& error, bool keepTables);

    std::shared_ptr<Backend> backend_;
    std::shared_ptr<const BackendTables> tables_;
    QString error_;
    quint64 generation_ = 0;  // bumped by setBackend and reload: late listings are dropped
    bool loading_ = false;
};

}  // namespace shardscape
