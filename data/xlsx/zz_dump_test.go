package xlsx

import (
	"fmt"
	"os"
	"testing"
)

func TestDump(t *testing.T) {
	for _, n := range os.Args[len(os.Args)-1:] {
		tb, err := ReadTables(n)
		fmt.Println(err)
		for _, x := range tb {
			fmt.Println(x.Sheet)
			for _, r := range x.Rows {
				fmt.Printf("%q\n", r)
			}
		}
	}
}
