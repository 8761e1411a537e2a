#include "table_list_model.h"

#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrent>

namespace shardscape {

TableListModel::TableListModel(std::shared_ptr<Backend> backend, QObject* parent)
    : QObject(parent), backend_(std::move(backend)), tables_(std::make_shared<BackendTables>()) {
    reload();
}

BackendCapabilities TableListModel::capabilities() const {
    return backend_ ? backend_->capabilities() : BackendCapabilities{};
}

void TableListModel::setBackend(std::shared_ptr<Backend> backend,
                                std::shared_ptr<const BackendTables> listed) {
    backend_ = std::move(backend);
    ++generation_;
    loading_ = false;
    emit backendChanged();
    if (listed) {
        error_.clear();
        show(std::move(listed));
    } else {
        reload();
    }
}

void TableListModel::reload() {
    const quint64 generation = ++generation_;
    if (!backend_) {
        loading_ = false;
        error_.clear();
        show(std::make_shared<BackendTables>());
        return;
    }
    if (backend_->listsTablesAtOnce()) {
        loading_ = false;
        auto listed = backend_->listTables();
        if (!listed) return fail(listed.error(), false);
        error_.clear();
        show(std::make_shared<const BackendTables>(std::move(listed).value()));
        return;
    }
    loading_ = true;
    auto* watcher = new QFutureWatcher<Result<BackendTables>>(this);
    connect(watcher, &QFutureWatcher<Result<BackendTables>>::finished, this,
            [this, watcher, generation] {
                Result<BackendTables> listed = watcher->result();
                watcher->deleteLater();
                if (generation != generation_) return;  // superseded
                loading_ = false;
                if (!listed) return fail(listed.error(), true);
                error_.clear();
                show(std::make_shared<const BackendTables>(std::move(listed).value()));
            });
    std::shared_ptr<Backend> backend = backend_;
    watcher->setFuture(QtConcurrent::run([backend] { return backend->listTables(); }));
}

void TableListModel::show(std::shared_ptr<const BackendTables> tables) {
    tables_ = std::move(tables);
    emit tablesChanged();
}

void TableListModel::fail(const Error& error, bool keepTables) {
    error_ = QString::fromStdString(error.message);
    if (!keepTables) show(std::make_shared<BackendTables>());
    emit loadFailed(error_);
}

std::shared_ptr<const TableDefinition> TableListModel::find(const std::string& name) const {
    return tables_->find(name);
}

std::shared_ptr<const TableDefinition> TableListModel::find(const QString& name) const {
    return tables_->find(name.toStdString());
}

QStringList TableListModel::names() const {
    QStringList names;
    for (const auto& table : tables_->tables) names << QString::fromStdString(table->name);
    return names;
}

}  // namespace shardscape
