"""The columns and ordering of the campaigns lists (core.lists), one module per sub-domain. Each page
renders its rows in one plain template loop; what the viewer may do with a row is a hidden column of the
table (columns.FlagColumn), read in the loop as row.cells.<name>."""
