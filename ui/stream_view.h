#pragma once
// The Streams view ("Streams" tab): a table's change log. Its latest stream's records
// (DynamoDB Streams, read through the backend: Backend::streamChanges) listed oldest first,
// refreshed every second while the view shows on a backend that answers at once, so writes
// from the query builder, the item editor or SDKs through the local endpoint appear as they
// happen; on a remote connection Refresh reads them off the GUI thread. The chosen record's
// old and new images are shown side by side. On the local engine the view also enables a
// stream (with a view type) or disables it.

#include <QFutureWatcher>
#include <QWidget>
#include <string>
#include <vector>

#include "backend/backend.h"
#include "values/attribute_json.h"

class QComboBox;
class QLabel;
class QPlainTextEdit;
class QPushButton;
class QTableWidget;
class QTimer;

namespace shardscape {
class TableListModel;

class StreamView : public QWidget {
    Q_OBJECT
  public:
    explicit StreamView(TableListModel* tables, QWidget* parent = nullptr);

    // Re-reads the table list (done whenever it changes); prefers a table with a stream.
    void reloadTables();
    QComboBox* tableChooser() const { return table_; }
    QComboBox* viewTypeChooser() const { return viewType_; }
    // Enables the chosen table's stream with the chosen view type, or disables it.
    QPushButton* streamButton() const { return streamButton_; }
    QTableWidget* recordTable() const { return records_; }
    QPlainTextEdit* oldImage() const { return oldImage_; }
    QPlainTextEdit* newImage() const { return newImage_; }
    QLabel* status() const { return status_; }
    QTimer* timer() const { return timer_; }
    // The records shown, as GetRecords gave them.
    const std::vector<Json>& records() const { return shown_; }

  public slots:
    // Reads the records written since the last one shown and appends them: at once on a
    // backend that answers at once, else in the background (the view updates when done).
    void refresh();

  protected:
    void showEvent(QShowEvent* event) override;
    void hideEvent(QHideEvent* event) override;

  private:
    void tableChosen();
    void toggleStream();
    void showRecord(int row);
    void appendRecord(const Json& record);
    // Shows what streamChanges read for `table`.
    void apply(const std::string& table, Result<StreamChanges> changes);

    TableListModel* tables_;
    QComboBox* table_ = nullptr;
    QComboBox* viewType_ = nullptr;
    QPushButton* streamButton_ = nullptr;
    QPushButton* refreshButton_ = nullptr;
    QLabel* status_ = nullptr;
    QTableWidget* records_ = nullptr;
    QPlainTextEdit* oldImage_ = nullptr;
    QPlainTextEdit* newImage_ = nullptr;
    QTimer* timer_ = nullptr;
    QFutureWatcher<Result<StreamChanges>> watcher_;
    std::string pendingTable_;  // the table a background read is for
    std::vector<Json> shown_;
    std::string streamArn_;
    bool enabled_ = false;
    bool updating_ = false;
};

}  // namespace shardscape
