#pragma once
// The visual query builder: pick an operation and a table or index; the key fields follow
// the key schema (names, types, the sort-key operators); expressions are typed with their
// placeholders' values. Run sends the request to the current backend (the shared
// TableListModel's) off the GUI thread and shows
// the items, Count/ScannedCount, pages (Next page), the consumed capacity with a one-line
// "why", and the same request as AWS CLI, boto3 and JavaScript v3 code. The PartiQL mode
// (operation "PartiQL") takes a statement and its ? parameters instead, runs it with
// ExecuteStatement, pages with NextToken, says which operation it ran as and why, and warns
// before a statement that becomes a Scan.

#include <QFutureWatcher>
#include <QWidget>
#include <memory>
#include <optional>

#include "base/result.h"
#include "classroom/request_form.h"
#include "classroom/statement_preview.h"
#include "values/attribute_json.h"

class QComboBox;
class QLineEdit;
class QLabel;
class QCheckBox;
class QSpinBox;
class QPushButton;
class QTableView;
class QPlainTextEdit;
class QTabWidget;
class QFormLayout;

namespace shardscape {
class TableListModel;
class ItemTableModel;
class PartiqlEditor;
class Backend;
struct TableDefinition;

class QueryPanel : public QWidget {
    Q_OBJECT
  public:
    explicit QueryPanel(TableListModel* tables, QWidget* parent = nullptr);

    // Re-reads the table list (done whenever it changes).
    void reloadTables();
    // The form as the widgets hold it.
    RequestForm form() const;

    // Runs the request (asynchronously; `finished` fires when the results are shown).
    void run();
    void nextPage();
    bool isRunning() const;

    // For tests and scripted use.
    QComboBox* operationBox() const { return operation_; }
    QComboBox* tableBox() const { return table_; }
    QComboBox* indexBox() const { return index_; }
    QLineEdit* partitionKeyEdit() const { return partitionKey_; }
    QComboBox* sortOperatorBox() const { return sortOperator_; }
    QLineEdit* sortKeyEdit() const { return sortKey_; }
    QLineEdit* sortKeyUpperEdit() const { return sortKeyUpper_; }
    QLineEdit* filterEdit() const { return filter_; }
    QLineEdit* projectionEdit() const { return projection_; }
    QLineEdit* conditionEdit() const { return condition_; }
    QLineEdit* updateEdit() const { return update_; }
    QLineEdit* valuesEdit() const { return values_; }
    QLineEdit* namesEdit() const { return names_; }
    QPlainTextEdit* itemEdit() const { return item_; }
    PartiqlEditor* statementEdit() const { return statement_; }
    QLineEdit* parametersEdit() const { return parameters_; }
    QLabel* scanWarningLabel() const { return scanWarning_; }
    QCheckBox* consistentBox() const { return consistent_; }
    QCheckBox* forwardBox() const { return forward_; }
    QSpinBox* limitBox() const { return limit_; }
    QPushButton* runButton() const { return runButton_; }
    QPushButton* nextPageButton() const { return nextButton_; }
    ItemTableModel* resultModel() const { return results_; }
    QLabel* statusLabel() const { return status_; }
    QLabel* capacityLabel() const { return capacity_; }
    QLabel* errorLabel() const { return error_; }
    QPlainTextEdit* codeView(const QString& language) const;  // "cli", "boto3", "js"

  signals:
    void finished();

  private:
    void updateFields();
    std::shared_ptr<const TableDefinition> tableNamed(const std::string& name) const;
    void execute(std::optional<Json> startKey);
    void executeStatement(std::optional<std::string> nextToken);
    // Shows the request's snippets and "Running…", and calls `operation` off the GUI thread.
    void startCall(const std::shared_ptr<Backend>& backend, const std::string& operation,
                   Json request);
    void showResponse(const Result<Json>& response);
    void showStatementResponse(const Json& body);
    void updateStatementPreview();
    bool partiqlMode() const;

    TableListModel* tables_;
    QFormLayout* form_ = nullptr;
    QComboBox* operation_ = nullptr;
    QComboBox* table_ = nullptr;
    QComboBox* index_ = nullptr;
    QLabel* partitionKeyLabel_ = nullptr;
    QLineEdit* partitionKey_ = nullptr;
    QLabel* sortKeyLabel_ = nullptr;
    QComboBox* sortOperator_ = nullptr;
    QLineEdit* sortKey_ = nullptr;
    QLineEdit* sortKeyUpper_ = nullptr;
    QLineEdit* filter_ = nullptr;
    QLineEdit* projection_ = nullptr;
    QLineEdit* condition_ = nullptr;
    QLineEdit* update_ = nullptr;
    QLineEdit* names_ = nullptr;
    QLineEdit* values_ = nullptr;
    QPlainTextEdit* item_ = nullptr;
    PartiqlEditor* statement_ = nullptr;
    QLineEdit* parameters_ = nullptr;
    QLabel* scanWarning_ = nullptr;
    QCheckBox* consistent_ = nullptr;
    QCheckBox* forward_ = nullptr;
    QSpinBox* limit_ = nullptr;
    QPushButton* runButton_ = nullptr;
    QPushButton* nextButton_ = nullptr;
    QTableView* resultView_ = nullptr;
    ItemTableModel* results_ = nullptr;
    QLabel* status_ = nullptr;
    QLabel* capacity_ = nullptr;
    QLabel* error_ = nullptr;
    QTabWidget* code_ = nullptr;

    QFutureWatcher<Result<Json>> watcher_;
    std::string runningOperation_;
    Json runningRequest_;
    std::optional<Json> lastEvaluatedKey_;
    std::optional<std::string> nextToken_;
    std::optional<StatementPreview> preview_;
};

}  // namespace shardscape
