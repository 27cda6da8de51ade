// After a run with the MySQL suites: drop the throw-away databases the real servers were given.
const { findMysql, dropTestDatabases } = require('./mysqlServer')

module.exports = async () => {
  const mysql = await findMysql()
  if (mysql.url) await dropTestDatabases(mysql.url)
}
